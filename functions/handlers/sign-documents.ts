import { markedWhileWaitingForOperator } from '#cases/wait-for-operator.ts';
import { count } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { SignDocumentsEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/**
 * StepNN_Paraf, _Sign and _Stamp: the approving official's paraf, signature or register stamp (cases/sign-documents.ts).
 * The use case is imported on the first call: its documents and signature code stay out of init
 * (BENCHMARKS.md, bundles).
 */
export const handler = machineHandler(
  'sign-documents',
  SignDocumentsEvent,
  (input) =>
    markedWhileWaitingForOperator(runtime(), input.caseId, () =>
      import('#cases/sign-documents.ts').then(({ signDocuments }) => signDocuments(runtime(), input)),
    ),
  (input) => count('Signatures', input.documents.length),
);
