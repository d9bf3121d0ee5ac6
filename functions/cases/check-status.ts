import type { CaseRecord } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { findCaseByFileNumber } from './find-case-by-file-number.ts';

/**
 * The applicant's status check:
 *  1. the case of the file number on the receipt;
 *  2. only if the receipt code matches too: a wrong pair says no more than "not found";
 *  3. with its SOP and the label of the lane it waits in.
 */
export async function checkStatus(
  rt: Runtime,
  fileNumber: string,
  receiptCode: string,
): Promise<{ record: CaseRecord; sop: Sop; laneLabel: string | undefined } | undefined> {
  const record = await findCaseByFileNumber(rt.dynamo, rt.config.table, rt.catalog, fileNumber);
  if (!record || record.receiptCode !== receiptCode) return undefined;
  const sop = rt.sopOf(record);
  const current = record.current;
  return { record, sop, laneLabel: current ? sop.lanes.find((l) => l.id === current.lane)?.label : undefined };
}
