import * as z from 'zod';
import indonesian from 'zod/v4/locales/id.js';

// Only the Indonesian locale: z.locales would carry every language into each Lambda bundle (about 300 KB).
const locale = indonesian().localeError;

/**
 * zod's Indonesian messages, except for a field left out: the locale says "diharapkan string,
 * diterima undefined", which a clerk cannot read; "wajib diisi" says what to do.
 */
export const indonesianErrors: z.core.$ZodErrorMap = (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'wajib diisi' : locale(issue));

export function zodMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(isian)'}: ${issue.message}`).join('; ');
}
