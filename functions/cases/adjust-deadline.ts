import type { WorkingClock } from '#clock/working-clock.ts';
import type { CaseRecord } from '#records/case-records.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { Sop } from '#sop/schema.ts';

/**
 * How a decision moves the promised date (ARCHITECTURE.md, "Working time"):
 * - where the SOP counts from the technical recommendation, its arrival (that step approved) starts
 *   the count;
 * - a file sent back to the applicant stops the count, and the corrected file's receipt resumes it,
 *   the deadline moved by the working days the file spent with the applicant.
 * Returns the case fields to change, or nothing.
 */
export function adjustDeadline(
  clock: WorkingClock,
  sop: Sop,
  record: CaseRecord,
  link: Pick<ApprovalLink, 'step' | 'purpose'>,
  route: string,
  at: Date,
): Partial<Pick<CaseRecord, 'deadline' | 'clockPausedAt'>> | undefined {
  const service = sop.serviceTime;
  if (!service) return undefined;
  if (link.purpose === 'step' && route === 'return:applicant' && record.deadline)
    return { clockPausedAt: at.toISOString() };
  if (link.purpose === 'applicant-correction' && route === 'approve' && record.clockPausedAt && record.deadline) {
    const days = clock.workingDaysBetween(new Date(record.clockPausedAt), at);
    return { deadline: clock.addWorkingDays(new Date(`${record.deadline}T08:00:00+08:00`), days), clockPausedAt: null };
  }
  if (
    link.purpose === 'step' &&
    route === 'approve' &&
    service.startsAt.event === 'technical-recommendation' &&
    service.startsAt.step === link.step &&
    !record.deadline
  ) {
    return { deadline: clock.addWorkingDays(at, service.limit) };
  }
  return undefined;
}
