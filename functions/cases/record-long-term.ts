import { readArchivedObject } from '#archive/read-archived-object.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getLongTermRecord, putLongTermRecord, type LongTermRecord } from '#records/long-term-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { describeLongTerm } from '#signing/long-term.ts';

/**
 * Records what a document's copies hold for the long term, once their DSS and document timestamp
 * are added (at the register stamp, and at each renewal); safe to repeat:
 *  1. the document's state: its current revision's copies (none: nothing to record);
 *  2. each copy read back from the archive, and its level, TSAs, last document timestamp and DSS
 *     read from its bytes (long-term.ts);
 *  3. the record written unless a newer revision's is there, with the renewals it had and the one
 *     just made, so a renewal finds by it what to renew.
 */
export async function recordLongTerm(
  rt: Runtime,
  caseId: string,
  kind: string,
  renewal?: LongTermRecord['renewals'][number],
): Promise<LongTermRecord | undefined> {
  const state = await getDocumentState(rt.dynamo, rt.config.table, caseId, kind);
  if (!state) return undefined;
  const copies = await Promise.all(
    state.copies.map(async ({ copy, key, sha256 }) => ({
      copy,
      key,
      sha256,
      ...(await describeLongTerm(await readArchivedObject(archiveClient(rt), rt.config.bucket, key))),
    })),
  );
  const expiries = copies.flatMap((copy) => (copy.lastTimestamp ? [copy.lastTimestamp.tsa.notAfter] : []));
  const [expiresAt] = expiries.sort();
  // A document without a document timestamp (B-T, no register) has nothing a renewal could extend.
  if (!expiresAt) return undefined;
  const earlier = (await getLongTermRecord(rt.dynamo, rt.config.table, caseId, kind))?.renewals ?? [];
  const record: LongTermRecord = {
    caseId,
    kind,
    revision: state.revision,
    expiresAt,
    copies,
    renewals: renewal && !earlier.some((r) => r.revision === renewal.revision) ? [...earlier, renewal] : earlier,
  };
  await putLongTermRecord(rt.dynamo, rt.config.table, record);
  return record;
}
