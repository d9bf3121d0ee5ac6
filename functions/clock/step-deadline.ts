import type { Step } from '#sop/schema.ts';
import type { WorkingClock } from './working-clock.ts';
import { startOfOfficeDay } from './scheduled-day.ts';

/** How long the applicant has for a correction before the front office is reminded, in working days. */
const CORRECTION_WORKING_DAYS = 10;

/**
 * When a step is due, in working time: its longest minutes of service time where the standard gives
 * minutes, else the close of service on its last day (H+n, counted from the case's receipt). A step
 * with neither is due at the close of the next working day. A step scheduled on a date counts from
 * that date. Never less than a minute from now.
 */
export function stepDueAt(clock: WorkingClock, step: Step | undefined, purpose: 'step' | 'applicant-correction', caseReceivedAt: Date, now: Date, overdue = false, scheduledOn?: string): Date {
  // A step set for a later day (the inspection on the Surat Tugas's date) counts its minutes from that day.
  const from = scheduledOn && purpose === 'step' ? new Date(Math.max(now.getTime(), startOfOfficeDay(scheduledOn).getTime())) : now;
  // Once overdue, the step is asked about again at the close of each next working day, not every minute.
  const due = overdue
    ? clock.endOfWorkingDay(now, 1)
    : purpose === 'applicant-correction'
      ? clock.endOfWorkingDay(now, CORRECTION_WORKING_DAYS)
      : step?.time?.maxMinutes !== undefined
        ? clock.addServiceMinutes(from, step.time.maxMinutes)
        : step?.time?.dayTo !== undefined
          ? clock.endOfWorkingDay(caseReceivedAt, step.time.dayTo)
          : clock.endOfWorkingDay(now, 1);
  return new Date(Math.max(due.getTime(), now.getTime() + 60_000));
}
