import { documentDataFor, type HandoverContext } from '#documents/document-data.ts';
import { officeSettings } from '#config/office-settings.ts';
import { printedAs } from '#documents/copies.ts';
import { renderDocument } from '#documents/render-document.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { getCase, updateCase, type CaseRecord } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { MachineDecision, StepInput } from '#workflow/machine-input.ts';
import { performDocumentAction, type DocumentAction } from './perform-document-action.ts';
import { fitSignatureBlock, printsSignatureBlock } from '#documents/kinds/index.ts';
import { officeLetterSigners } from '#sop/letter-signers.ts';
import { signingLaneOf } from '#sop/signing-lane.ts';
import type { Sop } from '#sop/schema.ts';
import { signatureBlock, type SignatureBlock } from '#staff/signature-block.ts';
import { actingFor } from './acting-for.ts';
import { officialFor } from './official-for.ts';

/**
 * Renders what a step drafts:
 *  1. the drafter's data from the decision, merged into the case's form (once: the same data again);
 *  2. each document rendered as its copies (a permit's triplicate, or one sheet) with its DOCX draft, as revision 0 of a new draft; a
 *     re-render after a send-back starts again, since earlier signatures were on a draft that no
 *     longer stands (its number stays);
 *  3. through performDocumentAction: a retried step (same decision) finds its action and renders nothing.
 */
export async function renderDocuments(
  rt: Runtime,
  input: StepInput & { documents: string[]; decision: MachineDecision | null },
): Promise<{ rendered: string[] }> {
  const sop = rt.sopOf(input);
  const record = await withDrafterData(rt, input.caseId, input.decision?.documentData);
  // Printed at intake, by the official who received the file at the counter; later, by whoever decided.
  const official = input.decision ? rt.staff.byId(input.decision.by) : record.receivedBy;
  const id = `render-${input.step}-${input.decision?.id ?? 'intake'}`;
  const action: DocumentAction = {
    name: 'render-documents',
    id,
    doing: 'rendered',
    step: input.step,
    lane: input.lane,
    event: (kind) => ({
      at: input.decision?.at ?? new Date().toISOString(),
      actor: official ? { id: official.id, name: official.name } : null,
      action: trailLine(sop, kind),
      notes: input.decision?.note ?? '',
    }),
    recorded: (state) => state,
    produce: async (kind, previous) => {
      const block = await signatureBlockFor(rt, sop, kind, new Date(input.decision?.at ?? Date.now()));
      const data = documentDataFor(kind, sop, record, rt.staff, await handoverContext(rt, input, kind));
      const rendered = await renderDocument(
        sop,
        kind,
        block
          ? { ...(data as Record<string, unknown>), penandatangan: fitSignatureBlock(kind, block.penandatangan) }
          : data,
        // A registered document is issued and verifiable: its QR code leads to its public page.
        sop.documents.find((doc) => doc.kind === kind)?.register
          ? {
              verificationUrl: `${rt.config.publicUrl}/verifikasi/${input.caseId}.${kind}`,
              certificateIssuer: officeSettings().certificateIssuer,
            }
          : {},
      );
      return {
        revision: 0,
        copies: rendered.copies.map((copy) => ({ copy: copy.copy, pdf: copy.pdf })),
        draft: rendered.docx,
        state: (stored) => ({
          caseId: input.caseId,
          kind,
          revision: 0,
          copies: stored.copies.map((copy) => ({
            copy: copy.copy,
            key: copy.key,
            sha256: copy.sha256,
            slots: rendered.copies.find((c) => c.copy === copy.copy)?.slots ?? [],
          })),
          draft: stored.draft ? { key: stored.draft.key, sha256: stored.draft.sha256 } : null,
          number: previous?.number ?? null,
          signers: [],
          actions: [...(previous?.actions ?? []), id],
          ...(block ? { signatory: block.signatory } : {}),
        }),
      };
    },
  };
  await performDocumentAction(rt, input.caseId, input.documents, action);
  return { rendered: input.documents };
}

/** "Izin ... dicetak rangkap 3", or "... dicetak tanpa rangkap" for a document the SOP issues once. */
function trailLine(sop: Sop, kind: string): string {
  const spec = sop.documents.find((doc) => doc.kind === kind);
  return `${spec?.title ?? kind} ${spec ? printedAs(spec) : 'dicetak'}`;
}

/**
 * The signature block of a document that prints one, from the staff directory: the official of the
 * lane that signs it, or their deputy while an absence is recorded on the day it is drafted. A
 * document the SOP has nobody sign electronically (signed on paper) names the office's signer of
 * that kind of letter (config/signers.json), else the head of office.
 */
export async function signatureBlockFor(
  rt: Runtime,
  sop: Sop,
  kind: string,
  at: Date,
): Promise<SignatureBlock | undefined> {
  if (!printsSignatureBlock(kind)) return undefined;
  const lane = signingLaneOf(sop, kind) ?? officeLetterSigners()[kind];
  const official = lane ? officialFor(rt, sop, lane) : rt.staff.head;
  const acting = await actingFor(rt, official.id, at);
  return acting && signatureBlock(acting, rt.staff.head);
}

/** The handover receipt lists what the applicant takes home (copy 2 of a triplicate) with its number. */
async function handoverContext(
  rt: Runtime,
  input: StepInput & { decision: MachineDecision | null },
  kind: string,
): Promise<HandoverContext | undefined> {
  if (kind !== 'tanda-terima-penyerahan') return undefined;
  const sop = rt.sopOf(input);
  const issued = await Promise.all(
    sop.documents
      .filter((doc) => doc.copies === 3)
      .map(async (doc) => ({
        title: doc.title,
        number: (await getDocumentState(rt.dynamo, rt.config.table, input.caseId, doc.kind))?.number?.number ?? null,
      })),
  );
  return { at: input.decision?.at ?? new Date().toISOString(), by: input.decision?.by, issued };
}

/** The case, with the drafter's data (by document kind) merged into its form and saved. */
async function withDrafterData(
  rt: Runtime,
  caseId: string,
  documentData: Record<string, unknown> | undefined,
): Promise<CaseRecord> {
  const record = await getCase(rt.dynamo, rt.config.table, caseId);
  if (!record) throw new ParafError('not-found', `Berkas ${caseId} tidak ditemukan.`);
  if (!documentData) return record;
  const form = { ...record.form, documents: { ...record.form.documents, ...documentData } };
  await updateCase(rt.dynamo, rt.config.table, caseId, { form });
  return { ...record, form };
}
