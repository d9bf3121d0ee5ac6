/**
 * What the case record holds of the form (facts and documents' data) and what a drafting decision
 * may replace of it later: 64 KB as JSON, no string over 2000 characters, no list over 200 items,
 * 12 levels deep. The largest example document is 5 KB; DynamoDB's item limit is 400 KB.
 */
export const FORM_LIMITS = { maxBytes: 64 * 1024, maxStringLength: 2000, maxItems: 200, maxDepth: 12 } as const;
