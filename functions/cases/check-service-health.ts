import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { listCases, listEvents } from '#records/case-records.ts';
import type { Sop } from '#sop/schema.ts';

export interface ServiceHealth {
  /** Cases waiting for a person now. */
  waiting: number;
  /** Of those, the ones past their step's due time. */
  overdue: { caseId: string; fileNumber: string; sop: string; step: number; dueAt: string; officialId: string }[];
  /** Cases a failure stopped (status `gagal`) in the period: nothing moves them on by itself. */
  stopped: { caseId: string; fileNumber: string; sop: string }[];
  /** E-mails that failed to go out in the period (send-case-mail.ts writes each in the case's trail). */
  mailFailed: { caseId: string; fileNumber: string; at: string; action: string }[];
}

const MAIL_FAILED = 'mail-failed-';
/** Every case ever received: the first and last instant the records can hold. */
const EVER = { since: '0000-01-01T00:00:00.000Z', until: '9999-12-31T23:59:59.999Z' };

/**
 * What the health report needs from the records:
 *  1. every case of every SOP (GSI4), the waiting ones with their step's due time;
 *  2. those past it, and those a failure stopped within `mailDays` (the Dasbor lists every one);
 *  3. for the cases still running or closed within `mailDays`, the failed e-mails of their trail in that time.
 */
export async function checkServiceHealth(
  deps: { dynamo: DynamoDBDocumentClient; table: string; catalog: readonly Sop[] },
  now = new Date(),
  mailDays = 30,
): Promise<ServiceHealth> {
  const since = new Date(now.getTime() - mailDays * 86_400_000).toISOString();
  const result: ServiceHealth = { waiting: 0, overdue: [], stopped: [], mailFailed: [] };
  for (const sop of deps.catalog) {
    for (const record of await listCases(deps.dynamo, deps.table, sop.id, EVER.since, EVER.until)) {
      const running = record.status === 'berjalan';
      if (running && record.current) {
        result.waiting += 1;
        if (record.current.overdueSince || new Date(record.current.dueAt) < now)
          result.overdue.push({
            caseId: record.caseId,
            fileNumber: record.fileNumber,
            sop: sop.id,
            step: record.current.step,
            dueAt: record.current.dueAt,
            // Whom the step waits for: the office is told to remind them by name.
            officialId: record.current.officialId,
          });
      }
      const stopped = record.status === 'gagal';
      if (!running && !stopped && (record.closedAt ?? '') < since) continue;
      const events = await listEvents(deps.dynamo, deps.table, record.caseId);
      // Stopped in the period, by its last failure's line (record-failure.ts): the Dasbor keeps every one.
      const failedAt = events.filter((event) => event.actionId.startsWith('failure-')).at(-1)?.at ?? '';
      if (stopped && failedAt >= since)
        result.stopped.push({ caseId: record.caseId, fileNumber: record.fileNumber, sop: sop.id });
      for (const event of events)
        if (event.actionId.startsWith(MAIL_FAILED) && event.at >= since)
          result.mailFailed.push({
            caseId: record.caseId,
            fileNumber: record.fileNumber,
            at: event.at,
            action: event.action,
          });
    }
  }
  return result;
}
