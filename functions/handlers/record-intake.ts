import { recordIntake } from '#cases/record-intake.ts';
import { runtime } from '#runtime/runtime.ts';
import { RecordIntakeEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Record: an intake step the counter did as the case was created (cases/record-intake.ts). */
export const handler = machineHandler('record-intake', RecordIntakeEvent, (input) => recordIntake(runtime(), input));
