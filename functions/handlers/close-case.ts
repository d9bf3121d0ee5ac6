import { closeCase } from '#cases/close-case.ts';
import { count } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { CloseCaseEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** Completed_Close and Rejected_Close: close the case and tell the applicant (cases/close-case.ts). */
export const handler = machineHandler(
  'close-case',
  CloseCaseEvent,
  (input) => closeCase(runtime(), input),
  () => count('CasesClosed'),
);
