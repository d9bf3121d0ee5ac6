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
 *  2. each SOP's permits (its index), each given its keys (fillPermitKeys) and, where that changed the
 *     record, its name entries the new file number (fillNameEntries);
 *  3. the mark written only after every permit: a kill part-way repeats the pass, whose steps are
 *     idempotent.
 * Returns how many records it changed, or undefined when the mark was there.
 */
export async function fillPermitKeysOnce(rt: Runtime, now = new Date()): Promise<number | undefined> {
  const { dynamo, config } = rt;
  if (await permitKeysFilledAt(dynamo, config.table)) return undefined;
  let changed = 0;
  for (const sop of rt.catalog)
    for (const permit of await searchPermits(dynamo, config.table, { sop: sop.id }))
      if (await fillPermitKeys(dynamo, config.table, permit.documentId)) {
        await fillNameEntries(dynamo, config.table, permit.documentId);
        changed += 1;
      }
  await markPermitKeysFilled(dynamo, config.table, now.toISOString());
  return changed;
}
