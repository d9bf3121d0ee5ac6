import { expect } from 'vitest';
import type { Clerk } from '../../scripts/clerk.ts';

/** What POST /api/cases answers for a case it took. */
export type FiledCase = {
  id: string;
  fileNumber: string;
  receiptCode: string;
  receiptUrl: string;
  deadline: string | null;
};

/** `body` filed over HTTP as the loket files it, which must be taken (201): the case as the answer names it. */
export async function fileCase(clerk: Clerk, body: unknown): Promise<FiledCase> {
  const submitted = await clerk.submit(body);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return submitted.body as FiledCase;
}
