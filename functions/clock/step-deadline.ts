import type { Step } from '#sop/schema.ts';
import type { WorkingClock } from './working-clock.ts';
import { startOfWitaDay } from './wita.ts';

export interface DueOptions {
  /** The step was due already: it is asked about again at the close of the next working day. */
  overdue?: boolean;
  /** The office date the step is scheduled on (the inspection on the Surat Tugas's date). */
  scheduledOn?: string;
  /** The office's setting (config/office.json): the seeds give the applicant no limit. */
  correctionWorkingDays: number;
}

/**
 * When a step is due, in working time. A standard with minutes gives its longest minutes of service
 * time; one with a day window ("Hari ke H- H+1") the close of service on its last day, counted from
 * the case's receipt; one with both, the later of the two, since the seed allows the whole window. A
 * step with neither is due at the close of the next working day. A step scheduled on a date counts
 * from that date. Never less than a minute from now.
 */
export function stepDueAt(
  clock: WorkingClock,
  step: Step | undefined,
  purpose: 'step' | 'applicant-correction',
  caseReceivedAt: Date,
  now: Date,
  options: DueOptions,
): Date {
  const due = options.overdue
    ? clock.endOfWorkingDay(now, 1)
    : purpose === 'applicant-correction'
      ? clock.endOfWorkingDay(now, options.correctionWorkingDays)
      : standardDue(
          clock,
          step,
          caseReceivedAt,
          options.scheduledOn ? new Date(Math.max(now.getTime(), startOfWitaDay(options.scheduledOn).getTime())) : now,
        );
  return new Date(Math.max(due.getTime(), now.getTime() + 60_000));
}

function standardDue(clock: WorkingClock, step: Step | undefined, caseReceivedAt: Date, from: Date): Date {
  const byMinutes =
    step?.time?.maxMinutes !== undefined ? clock.addServiceMinutes(from, step.time.maxMinutes) : undefined;
  const byDay = step?.time?.dayTo !== undefined ? clock.endOfWorkingDay(caseReceivedAt, step.time.dayTo) : undefined;
  // The later of the two: a step with a day window and minutes is due by whichever ends last.
  if (byMinutes && byDay) return new Date(Math.max(byMinutes.getTime(), byDay.getTime()));
  return byMinutes ?? byDay ?? clock.endOfWorkingDay(from, 1);
}
