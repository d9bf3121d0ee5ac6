import { getCase, type CaseRecord } from '#records/case-records.ts';
import { sameReceiptCode } from './receipt-code.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';

/**
 * Shows the counter's receipt of a case:
 *  1. the case record;
 *  2. only with the receipt code it printed (a wrong code finds nothing, so the receipt stays private);
 *  3. with its SOP.
 */
export async function showReceipt(
  rt: Runtime,
  caseId: string,
  receiptCode: string | undefined,
): Promise<{ record: CaseRecord; sop: Sop } | undefined> {
  const record = await getCase(rt.dynamo, rt.config.table, caseId);
  if (!record || !sameReceiptCode(record.receiptCode, receiptCode)) return undefined;
  return { record, sop: rt.sopOf(record) };
}
