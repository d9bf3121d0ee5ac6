import { trackDeadline } from '#cases/track-deadline.ts';
import { count, stallMarginDays } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { TrackDeadlineEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Schedule and StepNN_Remind: the step's due time, and the reminder when overdue (cases/track-deadline.ts). */
export const handler = machineHandler(
  'track-deadline',
  TrackDeadlineEvent,
  (input) => trackDeadline(runtime(), input),
  // Overdue rounds come one working day apart: round 1 is the due time passing, round 1 + margin a stalled step.
  (input, due) => {
    if (input.phase !== 'overdue') return;
    if (due.round === 1) count('CasesLate');
    if (due.round > stallMarginDays) count('CasesStalled');
  },
);
