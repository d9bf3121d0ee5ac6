import {
  fillNameEntries,
  fillPermitKeys,
  markPermitKeysFilled,
  permitKeysFilledAt,
  searchPermits,
} from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';

/**
 * Gives the permits archived before the status index its keys and their case's file number, once per
 * table, so that an office's Arsip lists its older permits by status or issue date alone without
 * anyone running `paraf archive index` (the local start calls it):
 *  1. the mark read: a table already filled is left alone (one read);
 *  2. each SOP's permits (its index), each given its keys (fillPermitKeys) and then its name entries
 *     the record's file number (fillNameEntries, which writes only entries behind the record, so a
 *     kill between the two is caught up by the next pass); one permit that fails is reported and the
 *     others go on;
 *  3. the mark written only when every permit passed: a kill part-way, or a failure, repeats the pass
 *     at the next start, whose steps are idempotent.
 */
export async function fillPermitKeysOnce(
  rt: Runtime,
  report: FillReport = {},
  now = new Date(),
): Promise<{ changed: number; failed: number } | undefined> {
  const { dynamo, config } = rt;
  if (await permitKeysFilledAt(dynamo, config.table)) return undefined;
  const done = { changed: 0, failed: 0 };
  const attempt = async (what: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      done.failed += 1;
      report.failed?.(what, error);
    }
  };
  for (const sop of rt.catalog)
    await attempt(sop.id, async () => {
      for (const permit of await searchPermits(dynamo, config.table, { sop: sop.id })) {
        if (done.changed + done.failed === 0) report.announce?.();
        await attempt(permit.documentId, async () => {
          const keyed = await fillPermitKeys(dynamo, config.table, permit.documentId);
          const copied = await fillNameEntries(dynamo, config.table, permit.documentId);
          if (keyed || copied) done.changed += 1;
        });
      }
    });
  if (done.failed === 0) await markPermitKeysFilled(dynamo, config.table, now.toISOString());
  return done;
}

/** Who hears of the pass: once before its first permit (a large archive takes a while), and of each failure. */
export interface FillReport {
  announce?: () => void;
  /** A permit (its document id), or an SOP whose list could not be read (its id). */
  failed?: (what: string, error: unknown) => void;
}
