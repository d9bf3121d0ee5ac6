import * as z from 'zod';

/** A Lambda that checks its event with one zod schema: zod's share of every function's init (bundle-floors). */
const Event = z.strictObject({
  caseId: z.string().min(1),
  step: z.number().int().min(1),
  kind: z.enum(['a', 'b']).optional(),
});

export const handler = async (event: unknown) => Event.parse(event);
