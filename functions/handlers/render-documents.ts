import { archiveDocumentVersion, recordDocumentEvent } from '#archive/archive-document.ts';
import { documentDataFor } from '#documents/document-data.ts';
import { renderDocument } from '#documents/render-document.ts';
import { getCase, updateCase } from '#records/case-records.ts';
import { getDocumentState, saveDocumentState } from '#records/document-state.ts';
import { RenderDocumentsEvent, parseEvent } from './events.ts';
import { runtime } from '#runtime/runtime.ts';
import { archiveClient } from '#runtime/archive-client.ts';

/**
 * Renders what a step drafts, in triplicate with its DOCX draft, and archives it as revision 0
 * of a new draft. A re-render after a send-back starts again: earlier signatures were on a draft
 * that no longer stands. A retried step (same decision) finds its action and does nothing.
 */
export async function handler(event: unknown) {
  const input = parseEvent(RenderDocumentsEvent, event, 'render-documents');
  const rt = runtime();
  const sop = rt.sop(input.sop);
  const actionId = `render-${input.step}-${input.decision?.id ?? 'intake'}`;
  let record = (await getCase(rt.dynamo, rt.config.table, input.caseId))!;
  if (input.decision?.documentData) {
    record = {
      ...record,
      form: { ...record.form, documents: { ...record.form.documents, ...input.decision.documentData } },
    };
    await updateCase(rt.dynamo, rt.config.table, input.caseId, { form: record.form });
  }
  const targets = { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table };
  const official = input.decision ? rt.staff.byId(input.decision.by) : rt.staff.forLane(input.lane)[0];
  const eventOf = (kind: string, title: string) => ({
    actionId: `${actionId}-${kind}`,
    at: input.decision?.at ?? new Date().toISOString(),
    step: input.step,
    lane: input.lane,
    actor: official ? { id: official.id, name: official.name } : null,
    action: `${title} dicetak rangkap 3`,
    notes: input.decision?.note ?? '',
  });
  for (const kind of input.documents) {
    const title = sop.documents.find((doc) => doc.kind === kind)?.title ?? kind;
    const previous = await getDocumentState(rt.dynamo, rt.config.table, input.caseId, kind);
    if (previous?.actions.includes(actionId)) {
      await recordDocumentEvent(targets, input.caseId, kind, eventOf(kind, title), previous.copies, previous.draft);
      continue;
    }
    const rendered = await renderDocument(sop, kind, documentDataFor(kind, sop, record, rt.staff));
    const stored = await archiveDocumentVersion(targets, {
      caseId: input.caseId,
      kind,
      revision: 0,
      copies: rendered.copies.map((copy) => ({ copy: copy.copy, pdf: copy.pdf })),
      draft: rendered.docx,
    });
    const saved = await saveDocumentState(
      rt.dynamo,
      rt.config.table,
      {
        caseId: input.caseId,
        kind,
        revision: 0,
        copies: stored.copies.map((copy) => ({
          copy: copy.copy,
          key: copy.key,
          sha256: copy.sha256,
          slots: rendered.copies.find((c) => c.copy === copy.copy)!.slots,
        })),
        draft: stored.draft ? { key: stored.draft.key, sha256: stored.draft.sha256 } : null,
        number: previous?.number ?? null,
        signers: [],
        actions: [...(previous?.actions ?? []), actionId],
      },
      previous ? { revision: previous.revision, actions: previous.actions.length } : null,
    );
    if (!saved)
      throw new Error(`render-documents: ${kind} of case ${input.caseId} changed while it was rendered; retry`);
    await recordDocumentEvent(targets, input.caseId, kind, eventOf(kind, title), stored.copies, stored.draft);
  }
  return { rendered: input.documents };
}
