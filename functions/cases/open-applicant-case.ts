import { countWrongGuess, throttledUntil as throttledUntilOf } from '#identity/throttle.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { type ApplicantView, showApplicantCase } from './show-applicant-case.ts';

/** What a public page found for a file number and receipt code: the file, nothing, or a client told to wait. */
export type ApplicantLookup = { view: ApplicantView } | { view: undefined; throttledUntil?: Date };

/** The longest file number and receipt code the public forms take; no file has a longer one. */
export const FILE_NUMBER_MAX = 40;
export const RECEIPT_CODE_MAX = 20;

/**
 * The applicant's file for a file number and receipt code typed on a public page (the applicant's
 * page, Cek status, the e-mail's link), under a throttle of the client's wrong pairs:
 *  1. a pair no file can have (no code, or longer than the forms take) is "not found" at once, and not counted;
 *  2. a client whose wrong pairs used up the window ('kode-pemohon', throttle.ts) is told until
 *     when, and nothing is looked up, the right pair included;
 *  3. the pair is looked up (showApplicantCase): a match writes nothing, a wrong pair is counted
 *     (countWrongGuess). A wrong code and an unknown file number read alike.
 */
export async function openApplicantCase(
  rt: Runtime,
  client: string,
  pair: { fileNumber: string; code: string },
  now: Date = new Date(),
): Promise<ApplicantLookup> {
  const { fileNumber, code } = pair;
  if (!code.trim() || fileNumber.length > FILE_NUMBER_MAX || code.length > RECEIPT_CODE_MAX) return { view: undefined };
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const throttledUntil = await throttledUntilOf(store, 'kode-pemohon', client, now);
  if (throttledUntil) return { view: undefined, throttledUntil };
  const view = await showApplicantCase(rt, fileNumber, code);
  if (!view) await countWrongGuess(store, 'kode-pemohon', client, now);
  return { view };
}
