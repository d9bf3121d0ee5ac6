import { markedWhileWaitingForOperator } from '#cases/wait-for-operator.ts';
import { runtime } from '#runtime/runtime.ts';
import { ArchiveCaseEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/**
 * StepNN_Archive: permits indexed for search and verification, the audit trail archived (cases/archive-case.ts).
 * The use case is imported on the first call: its documents and signature code stay out of init
 * (BENCHMARKS.md, bundles). A missing certificate marks the case as waiting for an operator.
 */
export const handler = machineHandler('archive-case', ArchiveCaseEvent, (input) =>
  markedWhileWaitingForOperator(runtime(), input.caseId, () =>
    import('#cases/archive-case.ts').then(({ archiveCase }) => archiveCase(runtime(), input)),
  ),
);
