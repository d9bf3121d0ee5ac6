import { markedWhileWaitingForOperator } from '#cases/wait-for-operator.ts';
import { count } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { CloseCaseEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/**
 * Completed_Close and Rejected_Close: close the case and tell the applicant (cases/close-case.ts).
 * The use case is imported on the first call: its documents and signature code stay out of init
 * (BENCHMARKS.md, bundles). It seals the history sheets again, so a missing seal certificate marks the
 * case as waiting for an operator, as signing and archiving do.
 */
export const handler = machineHandler(
  'close-case',
  CloseCaseEvent,
  (input) =>
    markedWhileWaitingForOperator(runtime(), input.caseId, () =>
      import('#cases/close-case.ts').then(({ closeCase }) => closeCase(runtime(), input)),
    ),
  () => count('CasesClosed'),
);
