import * as z from 'zod/mini';

/**
 * one-schema.ts's schema in zod/mini, zod's functional build for bundles (bundle-floors): zod's share
 * of init as Paraf's functions load it (what they check at init is written this way).
 */
const Event = z.strictObject({
  caseId: z.string().check(z.minLength(1)),
  step: z.int().check(z.minimum(1)),
  kind: z.optional(z.enum(['a', 'b'])),
});

export const handler = async (event: unknown) => Event.parse(event);
