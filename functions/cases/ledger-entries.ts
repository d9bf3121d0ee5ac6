import type { WorkingClock } from '#clock/working-clock.ts';
import { witaDateTime } from '#clock/wita.ts';
import type { CaseRecord } from '#records/case-records.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { ClosedAs } from '#records/service-ledger.ts';
import { revisionOf, type Sop } from '#sop/schema.ts';

/**
 * What the dashboard's ledger (records/service-ledger.ts) holds of a case, derived from its
 * records: by the use cases as things happen, and by fillServiceLedger for what came before.
 */

/** The office day (WITA) of an instant: the dashboard's periods are office days. */
export const witaDay = (instant: string): string => witaDateTime(new Date(instant)).date;

/** How a closed case counts: on time or late against its promised date, completed without one, rejected. */
export function closedAs(
  record: Pick<CaseRecord, 'status' | 'deadline' | 'closedAt'>,
  clock: WorkingClock,
): ClosedAs | undefined {
  if (record.status === 'ditolak') return 'ditolak';
  if (record.status !== 'selesai') return undefined;
  if (!record.deadline || !record.closedAt) return 'selesai';
  return clock.workingDayOf(new Date(record.closedAt)) <= record.deadline ? 'tepat' : 'terlambat';
}

/**
 * The wait a decision on a step's link ended, in service minutes, under the revision that asked; none
 * for a link that is not a step's (an applicant's correction) or that another official's decision closed.
 */
export function waitOf(
  link: Pick<ApprovalLink, 'purpose' | 'createdAt' | 'step'>,
  decision: { at?: unknown; supersededBy?: unknown } | undefined,
  askedUnder: Sop,
  clock: WorkingClock,
): { revision: string; step: number; minutes: number } | undefined {
  if (link.purpose !== 'step' || typeof decision?.at !== 'string' || decision.supersededBy) return undefined;
  return {
    revision: revisionOf(askedUnder),
    step: link.step,
    minutes: clock.serviceMinutesBetween(new Date(link.createdAt), new Date(decision.at)),
  };
}
