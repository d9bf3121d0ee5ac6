import { GetObjectCommand } from '@aws-sdk/client-s3';
import { archiveDocumentVersion, recordDocumentEvent } from '#archive/archive-document.ts';
import { getDocumentState, saveDocumentState } from '#records/document-state.ts';
import { applyStepSignature } from '#signing/apply-step-signature.ts';
import { SignDocumentsEvent, parseEvent } from './events.ts';
import { runtime } from '#runtime/runtime.ts';
import { signer } from '#runtime/signer.ts';
import { archiveClient } from '#runtime/archive-client.ts';

const REASON = { paraf: 'Paraf', signature: 'Tanda tangan', registration: 'Registrasi' } as const;

/**
 * Signs each copy for the official who approved the step: a paraf on copy 1 only, the signature
 * and the register stamp on all three. Each signature is a new revision in the archive; a retried
 * step finds its action recorded (and signPdf its own field) and signs nothing more.
 */
export async function handler(event: unknown) {
  const input = parseEvent(SignDocumentsEvent, event, 'sign-documents');
  const rt = runtime();
  const official = rt.staff.byId(input.decision.by);
  if (!official) throw new Error(`sign-documents: unknown official "${input.decision.by}"`);
  const actionId = `${input.mode}-${input.step}-${input.decision.id}`;
  const at = new Date(input.decision.at);
  const targetsOf = { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table };
  const eventOf = (kind: string) => ({
    actionId: `${actionId}-${kind}`,
    at: at.toISOString(),
    step: input.step,
    lane: input.lane,
    actor: { id: official.id, name: official.name },
    action: `${REASON[input.mode]} secara elektronik`,
    notes: input.decision.note,
  });
  for (const kind of input.documents) {
    const state = await getDocumentState(rt.dynamo, rt.config.table, input.caseId, kind);
    if (!state) throw new Error(`sign-documents: ${kind} of case ${input.caseId} was never rendered`);
    if (state.actions.includes(actionId)) {
      // Signed before a crash: make sure the trail has it, from what the state holds.
      await recordDocumentEvent(
        targetsOf,
        input.caseId,
        kind,
        eventOf(kind),
        state.copies.filter((c) => input.mode !== 'paraf' || c.copy === 1),
      );
      continue;
    }
    // The same draft already carries this step's paraf or signature (a send-back above it came back unchanged):
    // on paper it would not be initialled twice. A new draft clears its signers, and is signed again.
    if (
      input.mode !== 'registration' &&
      state.signers.some((s) => s.step === input.step && s.reason === REASON[input.mode])
    )
      continue;
    if (input.mode === 'registration' && !state.number)
      throw new Error(`sign-documents: ${kind} has no number to stamp`);
    const targets = state.copies.filter((copy) => input.mode !== 'paraf' || copy.copy === 1);
    const signed = await Promise.all(
      targets.map(async (copy) => {
        const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: copy.key }));
        const pdf = await object.Body!.transformToByteArray();
        const action =
          input.mode === 'paraf'
            ? { kind: 'paraf' as const, step: input.step }
            : input.mode === 'signature'
              ? { kind: 'signature' as const }
              : { kind: 'registration' as const, number: state.number!.number };
        return {
          copy: copy.copy,
          pdf: await applyStepSignature({
            pdf,
            slots: copy.slots,
            action,
            official,
            decisionId: input.decision.id,
            at,
            signer: signer(rt),
          }),
        };
      }),
    );
    const revision = state.revision + 1;
    const stored = await archiveDocumentVersion(targetsOf, { caseId: input.caseId, kind, revision, copies: signed });
    const saved = await saveDocumentState(
      rt.dynamo,
      rt.config.table,
      {
        ...state,
        revision,
        copies: state.copies.map((copy) => {
          const updated = stored.copies.find((s) => s.copy === copy.copy);
          return updated ? { ...copy, key: updated.key, sha256: updated.sha256 } : copy;
        }),
        signers: [
          ...state.signers,
          {
            officialId: official.id,
            step: input.step,
            name: official.name,
            nip: official.nip,
            position: official.position,
            reason: REASON[input.mode],
            at: at.toISOString(),
            copies: targets.map((c) => c.copy),
          },
        ],
        actions: [...state.actions, actionId],
      },
      { revision: state.revision, actions: state.actions.length },
    );
    if (!saved)
      throw new Error(`sign-documents: ${kind} of case ${input.caseId} changed while it was being signed; retry`);
    await recordDocumentEvent(targetsOf, input.caseId, kind, eventOf(kind), stored.copies);
  }
  return { signed: input.documents, by: official.id };
}
