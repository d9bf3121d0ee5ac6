import { renderDocuments } from '#cases/render-documents.ts';
import { runtime } from '#runtime/runtime.ts';
import { RenderDocumentsEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** StepNN_Render: what the step drafts, in triplicate with its DOCX draft (cases/render-documents.ts). */
export const handler = machineHandler('render-documents', RenderDocumentsEvent, (input) =>
  renderDocuments(runtime(), input),
);
