import { readArchivedObject } from '#archive/read-archived-object.ts';
import type { StandingIn } from '#records/standing-in.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { DocumentState } from '#records/document-state.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { bsreClient, signer, timestampAuthority } from '#runtime/signer.ts';
import { applyStepSignature, type SigningMeans } from '#signing/apply-step-signature.ts';
import { lastSignatureFacts } from '#signing/signature-issuer.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { makeLongTerm, type RevocationFetches } from '#signing/long-term.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import type { MachineDecision, StepInput } from '#workflow/machine-input.ts';
import { performDocumentAction, type DocumentAction } from './perform-document-action.ts';
import { recordLongTerm } from './record-long-term.ts';
import { printedForAnother } from '#staff/signature-block.ts';

const REASON = { paraf: 'Paraf', signature: 'Tanda tangan', registration: 'Registrasi' } as const;
type Mode = keyof typeof REASON;

export interface SignRequest extends StepInput {
  mode: Mode;
  documents: string[];
  decision: MachineDecision;
}

/** What only the decision request holds: the BSrE passphrase the official typed, never in the machine's input. */
export interface SigningSecret {
  passphrase: string;
}

/**
 * Signs each document of the step for the official who approved it:
 *  1. a paraf on copy 1 only; the signature and the register stamp on every copy (a permit's three, a single sheet's one);
 *  2. a draft that already carries this step's paraf or signature (a send-back above it came back
 *     unchanged) is not signed twice, as on paper; a new draft clears its signers;
 *  3. each signature a new revision, through performDocumentAction: a retried step finds its
 *     action recorded (and signPdf its own field) and signs nothing more;
 *  4. every signature time-stamped by the TSA (B-T); after the register stamp, the last signature,
 *     the validation data and a document timestamp in the same revision (B-LT, B-LTA);
 *  5. with BSrE, the signature is made in the decision request (`secret`: the passphrase, which
 *     never enters the machine); the machine's own call then finds the action recorded.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the five steps of its docblock share the action, the draft state and the signer; each is a few lines
export async function signDocuments(
  rt: Runtime,
  input: SignRequest,
  secret?: SigningSecret,
): Promise<{ signed: string[]; by: string }> {
  const official = rt.staff.byId(input.decision.by);
  if (!official) throw new Error(`sign-documents: unknown official "${input.decision.by}"`);
  // A signature stands on the signer's own factor, checked when the decision was taken (decide.ts); never on a click alone.
  const factor = input.decision.factor;
  if ((factor?.kind !== 'totp' && factor?.kind !== 'bsre') || factor.officialId !== official.id)
    throw new Error(`sign-documents: decision ${input.decision.id} carries no signing factor of ${official.id}`);
  const id = `${input.mode}-${input.step}-${input.decision.id}`;
  const standing = standingIn(rt, input.decision.standsInFor);
  const at = new Date(input.decision.at);
  const signs = (copy: { copy: number }) => input.mode !== 'paraf' || copy.copy === 1;
  const action: DocumentAction = {
    name: 'sign-documents',
    id,
    doing: 'being signed',
    step: input.step,
    lane: input.lane,
    // Named by its document: a step signing two letters (a Surat Tugas and its notice) has two such lines.
    event: (kind) => ({
      at: at.toISOString(),
      actor: { id: official.id, name: official.name },
      action: `${REASON[input.mode]} secara elektronik: ${rt.sopOf(input).documents.find((doc) => doc.kind === kind)?.title ?? kind}`,
      notes: input.decision.note,
      factor: { kind: factor.kind, officialId: official.id, checkedAt: factor.checkedAt },
    }),
    recorded: (state) => ({ copies: state.copies.filter(signs), draft: null }),
    produce: async (kind, state) => {
      if (!state) throw new Error(`sign-documents: ${kind} of case ${input.caseId} was never rendered`);
      if (
        input.mode !== 'registration' &&
        state.signers.some((s) => s.step === input.step && s.reason === REASON[input.mode])
      )
        return undefined;
      // Checked when the decision was taken (take-decision.ts); a signature under another's name is never
      // made, nor by a successor under the same id whose key a restart made after that decision.
      const printed = state.signatory;
      if (input.mode === 'signature' && printed && printedForAnother(printed, official))
        throw new Error(
          `sign-documents: ${kind} of case ${input.caseId} names ${printed.officialId} (${printed.nama ?? '?'}), not ${official.id} (${official.name})`,
        );
      const stamp = signatureAction(input, state, kind);
      const targets = state.copies.filter(signs);
      const tsa = timestampAuthority(rt);
      const means = signingMeans(rt, input.mode, official, tsa, secret);
      const signedCopies = await Promise.all(
        targets.map(async (copy) => ({
          copy: copy.copy,
          pdf: await applyStepSignature({
            pdf: await readArchivedObject(archiveClient(rt), rt.config.bucket, copy.key),
            slots: copy.slots,
            action: stamp,
            official,
            capacity: standing && CAPACITY_TITLE[standing.as],
            decisionId: input.decision.id,
            at,
            means,
          }),
        })),
      );
      // The register stamp is the document's last signature: its validation data and a document
      // timestamp follow in the same revision (PAdES B-LT, B-LTA), where a TSA is configured; once
      // every copy is signed, so that the revocation answers all copies share postdate each signature.
      const fetched: RevocationFetches = new Map();
      const signed = await Promise.all(
        signedCopies.map(async ({ copy, pdf }) => ({
          copy,
          pdf:
            input.mode === 'registration' && tsa
              ? await makeLongTerm(pdf, `stempel-waktu-${input.decision.id}`, {
                  tsa,
                  ocspUrl: rt.config.ocspUrl,
                  crlUrl: rt.config.crlUrl,
                  fetched,
                })
              : pdf,
          ...lastSignatureFacts(pdf),
        })),
      );
      const revision = state.revision + 1;
      return {
        revision,
        copies: signed,
        state: (stored) => ({
          ...state,
          revision,
          copies: state.copies.map((copy) => {
            const updated = stored.copies.find((s) => s.copy === copy.copy);
            return updated ? { ...copy, key: updated.key, sha256: updated.sha256 } : copy;
          }),
          signers: [...state.signers, signerEntry(official, input, at, targets, signed[0], standing)],
          actions: [...state.actions, id],
        }),
      };
    },
  };
  await performDocumentAction(rt, input.caseId, input.documents, action);
  // What the DSS and the document timestamp hold, for a later renewal; a retry writes it again.
  if (input.mode === 'registration' && timestampAuthority(rt))
    for (const kind of input.documents) await recordLongTerm(rt, input.caseId, kind);
  return { signed: input.documents, by: official.id };
}

/** What the signature puts where the document reserved room: the step's paraf cell, the signature block, the number. */
function signatureAction(input: SignRequest, state: DocumentState, kind: string) {
  if (input.mode === 'paraf') return { kind: 'paraf' as const, step: input.step };
  if (input.mode === 'signature') return { kind: 'signature' as const };
  if (!state.number) throw new Error(`sign-documents: ${kind} has no number to stamp`);
  return { kind: 'registration' as const, number: state.number.number };
}

/** A deputy's decision: as what they sign, and the position of the official they stand in for. */
function standingIn(rt: Runtime, stand: SignRequest['decision']['standsInFor']): StandingIn | undefined {
  if (!stand) return undefined;
  const official = rt.staff.byId(stand.officialId);
  return { as: stand.as, position: official?.position ?? stand.officialId };
}

function signerEntry(
  official: Official,
  input: SignRequest,
  at: Date,
  copies: { copy: number }[],
  made: { timestamp?: { at: string; tsa: string } | undefined; issuer?: string | undefined } | undefined,
  standing: StandingIn | undefined,
) {
  return {
    ...(made?.timestamp ? { timestamp: made.timestamp } : {}),
    ...(made?.issuer ? { certificateIssuer: made.issuer } : {}),
    ...(standing ? { standsInFor: standing } : {}),
    officialId: official.id,
    step: input.step,
    name: official.name,
    nip: official.nip,
    position: official.position,
    reason: REASON[input.mode],
    at: at.toISOString(),
    copies: copies.map((c) => c.copy),
  };
}

/**
 * Paraf's own signature over the signer port (with the TSA's timestamp), or BSrE's on the passphrase
 * the official typed; without it (the machine's own call, whose action the request did not record)
 * nothing is signed: a BSrE signature never stands on anything the machine carries.
 */
function signingMeans(
  rt: Runtime,
  mode: Mode,
  official: Official,
  tsa: ReturnType<typeof timestampAuthority>,
  secret: SigningSecret | undefined,
): SigningMeans {
  // The register stamp is the office's act, signed with its own key even where BSrE signs the officials'.
  if (rt.config.signer !== 'bsre' || mode === 'registration')
    return { kind: 'port', signer: signer(rt), ...(tsa ? { tsa } : {}) };
  if (!secret)
    throw new Error(`sign-documents: BSrE signs in the decision request; nothing was signed there for ${official.id}`);
  if (!official.nik)
    throw new ParafError(
      'factor',
      `Direktori pegawai tidak mencatat NIK ${official.name}: BSrE tidak dapat menandatangani. Hubungi pengelola Paraf.`,
    );
  return {
    kind: 'bsre',
    client: bsreClient(rt),
    nik: official.nik,
    passphrase: secret.passphrase,
    ...(tsa ? { tsa } : {}),
  };
}
