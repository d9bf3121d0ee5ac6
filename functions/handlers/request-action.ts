import { requestAction } from '#cases/request-action.ts';
import { runtime } from '#runtime/runtime.ts';
import { RequestActionEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** Callback of every StepNN_Wait: asks the lane's official to act on the step (cases/request-action.ts). */
export const handler = machineHandler('request-action', RequestActionEvent, (input) => requestAction(runtime(), input));
