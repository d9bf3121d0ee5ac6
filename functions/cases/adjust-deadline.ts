import type { WorkingClock } from '#clock/working-clock.ts';
import type { CaseRecord } from '#records/case-records.ts';
import type { ApprovalLink } from '#records/links.ts';
import { waitsOnApplicantCorrection } from '#sop/applicant-step.ts';
import type { Sop } from '#sop/schema.ts';

/**
 * How a decision moves the promised date (ARCHITECTURE.md, "Working time"):
 * - where the SOP counts from the technical recommendation, its arrival (that step approved) starts
 *   the count;
 * - a file sent back to the applicant stops the count, and the corrected file's receipt resumes it,
 *   the deadline moved by the working days the file spent with the applicant; so does one sent back to
 *   the front office's check that asks the applicant for the correction (PAR-05 step 8), until that
 *   step hands the corrected file on.
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
  if (link.purpose === 'step' && sentToApplicant(sop, route) && record.deadline && !record.clockPausedAt)
    return { clockPausedAt: at.toISOString() };
  const correctionReceived = link.purpose === 'applicant-correction' || waitsOnApplicantCorrection(sop, link, true);
  if (correctionReceived && route === 'approve' && record.clockPausedAt && record.deadline) {
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

/** A send-back that leaves the file waiting on the applicant: to them, or to the front office's check that asks them. */
function sentToApplicant(sop: Sop, route: string): boolean {
  if (route === 'return:applicant') return true;
  const to = /^return:(\d+)$/.exec(route)?.[1];
  return to !== undefined && waitsOnApplicantCorrection(sop, { step: Number(to), purpose: 'step' }, true);
}
