import { trackDeadline } from '#cases/track-deadline.ts';
import { runtime } from '#runtime/runtime.ts';
import { TrackDeadlineEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Schedule and StepNN_Remind: the step's due time, and the reminder when overdue (cases/track-deadline.ts). */
export const handler = machineHandler('track-deadline', TrackDeadlineEvent, (input) => trackDeadline(runtime(), input));
