import { archiveCase } from '#cases/archive-case.ts';
import { markedWhileWaitingForOperator } from '#cases/wait-for-operator.ts';
import { runtime } from '#runtime/runtime.ts';
import { ArchiveCaseEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Archive: permits indexed for search and verification, the audit trail archived (cases/archive-case.ts). */
export const handler = machineHandler('archive-case', ArchiveCaseEvent, (input) =>
  markedWhileWaitingForOperator(runtime(), input.caseId, () => archiveCase(runtime(), input)),
);
