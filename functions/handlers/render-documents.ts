import { runtime } from '#runtime/runtime.ts';
import { RenderDocumentsEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/**
 * StepNN_Render: what the step drafts, in triplicate or one sheet, with its DOCX draft (cases/render-documents.ts).
 * The use case is imported on the first call: its documents and signature code stay out of init
 * (BENCHMARKS.md, bundles).
 */
export const handler = machineHandler('render-documents', RenderDocumentsEvent, (input) =>
  import('#cases/render-documents.ts').then(({ renderDocuments }) => renderDocuments(runtime(), input)),
);
