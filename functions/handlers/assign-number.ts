import { numberDocuments } from '#cases/number-documents.ts';
import { count } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { AssignNumberEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Number: each numbered document of the step gets its register's next number (cases/number-documents.ts). */
export const handler = machineHandler(
  'assign-number',
  AssignNumberEvent,
  (input) => numberDocuments(runtime(), input),
  (input) => count('NumbersIssued', input.documents.length),
);
