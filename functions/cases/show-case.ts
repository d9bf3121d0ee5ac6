import { getCase, listEvents, type CaseEvent, type CaseRecord } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';

export type { CaseEvent, CaseRecord };

/** A case as its status API shows it: the record, the lane it waits in (by its label), and its trail. */
export interface CaseView {
  record: CaseRecord;
  laneLabel: string | undefined;
  history: CaseEvent[];
}

/**
 * Shows a case:
 *  1. its record (none: undefined);
 *  2. the label of the lane its current step waits in;
 *  3. its trail, oldest first.
 */
export async function showCase(rt: Runtime, caseId: string): Promise<CaseView | undefined> {
  const record = await getCase(rt.dynamo, rt.config.table, caseId);
  if (!record) return undefined;
  const current = record.current;
  const laneLabel = current
    ? (rt.sopOf(record).lanes.find((l) => l.id === current.lane)?.label ?? current.lane)
    : undefined;
  return { record, laneLabel, history: await listEvents(rt.dynamo, rt.config.table, record.caseId) };
}
