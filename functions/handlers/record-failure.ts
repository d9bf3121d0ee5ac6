import { recordFailure } from '#cases/record-failure.ts';
import { runtime } from '#runtime/runtime.ts';
import { RecordFailureEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** Failed_Record: a machine step failed after its retries; the case shows it (cases/record-failure.ts). */
export const handler = machineHandler('record-failure', RecordFailureEvent, (input) => recordFailure(runtime(), input));
