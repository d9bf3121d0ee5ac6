import type { Step } from '#sop/schema.ts';
import type { WorkingClock } from './working-clock.ts';

/** How long the applicant has for a correction before the front office is reminded, in working days. */
const CORRECTION_WORKING_DAYS = 10;

/**
 * When a step is due, in working time: its longest minutes of service time where the standard gives
 * minutes, else the close of service on its last day (H+n, counted from the case's receipt). A step
 * with neither is due at the close of the next working day. Never less than a minute from now.
 */
export function stepDueAt(clock: WorkingClock, step: Step | undefined, purpose: 'step' | 'applicant-correction', caseReceivedAt: Date, now: Date, overdue = false): Date {
  // Once overdue, the step is asked about again at the close of each next working day, not every minute.
  const due = overdue
    ? clock.endOfWorkingDay(now, 1)
    : purpose === 'applicant-correction'
      ? clock.endOfWorkingDay(now, CORRECTION_WORKING_DAYS)
      : step?.time?.maxMinutes !== undefined
        ? clock.addServiceMinutes(now, step.time.maxMinutes)
        : step?.time?.dayTo !== undefined
          ? clock.endOfWorkingDay(caseReceivedAt, step.time.dayTo)
          : clock.endOfWorkingDay(now, 1);
  return new Date(Math.max(due.getTime(), now.getTime() + 60_000));
}
