import { createHash, randomUUID } from 'node:crypto';
import { readTypedText } from '#validation/typed-text.ts';
import { ParafError, type ParafErrorCode } from '#errors/paraf-error.ts';
import { claimAsking, decideLink, type ApprovalLink } from '#records/links.ts';
import type { SurveyAnswers } from '#survey/ikm.ts';
import { allowedRoutes } from './rules/allowed-routes.ts';
import { type CaseRecord, recordEvent, REFUSED_SIGNATURE, type RefusedSignatureKind } from '#records/case-records.ts';
import type { DecisionFactor, FactorCheck } from '#identity/signing-factor.ts';
import { applicantsOwnStep } from '#sop/applicant-step.ts';
import { approvalSigns, documentsSignedOn, isHandover, isPublicStep, signingFactorOf } from './rules/signing-steps.ts';
import { getDocumentState } from '#records/document-state.ts';
import { refuseDeadLink } from './rules/retired-link.ts';
import { refuseFactor } from './rules/refuse-factor.ts';
import {
  redeliverDecision,
  settleDecision,
  takenDecision,
  type DecisionContext,
  type TakenDecision,
} from './settle-decision.ts';
import { endSentence } from '#staff/end-sentence.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { printedForAnother } from '#staff/signature-block.ts';
import { findLink } from './find-link.ts';

export interface DecisionRequest {
  decision: 'approve' | 'return' | 'reject';
  note?: string;
  returnTo?: string;
  documentData?: Record<string, unknown>;
  /** The applicant's satisfaction survey, at the step that collects it. */
  survey?: SurveyAnswers;
  /** The signed-in official acting (identity port); undefined when nobody is signed in. */
  actor?: string;
  /**
   * Where the decision comes from: a handover is taken only on Tata Usaha's page, with the receipt
   * code; the applicant's own step also on the applicant's page, with the file number and that code.
   */
  via?: 'link' | 'handover-page' | 'applicant-page';
  /** The signer's authenticator code, where approving signs (signing-steps.ts). */
  factorCode?: string;
  /** The signer's BSrE passphrase, where BSrE signs (PARAF_SIGNER=bsre): handed to BSrE, kept nowhere. */
  passphrase?: string;
}

/** With BSrE, the paraf and signatures are made inside the request, before the commit point (sign-step-now.ts). */
export type SignNow = (link: ApprovalLink, decision: TakenDecision, passphrase: string) => Promise<void>;

/** Checks the signer's own factor (identity/signing-factor.ts); a runtime without it signs nothing. */
export type FactorChecker = (officialId: string, code: string | undefined) => Promise<FactorCheck>;

/** Why a decision was not taken: the codes a refused decision carries, its message in Bahasa Indonesia shown as it is. */
export type DecisionRefusal = Extract<
  ParafErrorCode,
  'not-found' | 'expired' | 'decided' | 'case-failed' | 'invalid' | 'forbidden' | 'handover' | 'factor' | 'throttled'
>;

const refused = (code: DecisionRefusal, message: string) => new ParafError(code, message);

/**
 * Takes an official's decision from an approval link, once:
 *  1. the link must be open and unexpired, the route one the step offers, a send-back must say why,
 *     and a signature goes only under a block that names the signer (a draft printed for someone else
 *     goes back to be printed again);
 *  2. the step's asking is claimed for this link, so that of two officials deciding at once one wins;
 *     with BSrE, the official's paraf and signatures are made now, on their passphrase (a refusal
 *     commits nothing);
 *  3. the link records the decision, atomically and only while it waits: the commit point, after
 *     which the decision stands whatever happens to this process;
 *  4. settleDecision: the trail, the survey, the promised date, the other links, the workflow.
 * `delivered` is false when the workflow was between two asks of the step (a reminder replaced its
 * token, or a restart had not resumed it yet): the step's next ask, moments later, delivers it.
 */
export async function decide(
  ctx: DecisionContext & { checkFactor?: FactorChecker; signNow?: SignNow },
  linkId: string,
  request: DecisionRequest,
  now: Date = new Date(),
  /** The link and its case as the caller read them for its own checks in this request: not read again. */
  read?: { link: ApprovalLink; record: CaseRecord | undefined },
): Promise<TakenDecision & { delivered: boolean }> {
  const link = read?.link ?? (await findLink(ctx.dynamo, ctx.table, linkId));
  if (!link) throw refused('not-found', 'Tautan tidak dikenal.');
  await refuseDeadLink(ctx, link, read);
  const sop = ctx.sop(link);
  // Only the official the step is asked of acts on it, or their deputy while they are away. The one
  // exception is the applicant confirming their own step on their page, with their receipt code; an
  // outside body's answer (an OPD's letter) is recorded by the official its link was mailed to, signed in.
  const linkAlone = request.via === 'applicant-page' && isPublicStep(sop, link) && !!applicantsOwnStep(sop, link);
  const acting = linkAlone ? undefined : await authorise(ctx, link, request.actor, now);
  const by = acting?.by ?? link.officialId;
  if (link.status === 'decided') {
    // A decision a crash left undelivered (its POST cut off, or its process gone) is delivered when someone tries again.
    const taken = takenDecision(link);
    if (taken && !link.deliveredAt) await redeliverDecision(ctx, link, taken);
    throw refused('decided', 'Langkah ini sudah diputuskan.');
  }
  if (new Date(link.expiresAt) < now) throw refused('expired', 'Tautan ini sudah kedaluwarsa.');
  if (isHandover(sop, link) && request.decision === 'approve' && request.via !== 'handover-page')
    throw refused(
      'handover',
      'Penyerahan izin dicatat di halaman Tata Usaha dengan kode tanda terima pemohon, bukan melalui tautan ini.',
    );
  const route = request.decision === 'return' ? `return:${request.returnTo ?? ''}` : request.decision;
  if (!allowedRoutes(ctx.sop(link), link).some((r) => r.route === route))
    throw refused(
      'invalid',
      request.decision === 'return'
        ? 'Tujuan pengembalian tidak tersedia untuk langkah ini.'
        : 'Keputusan ini tidak tersedia untuk langkah ini.',
    );
  const note = readTypedText(request.note, {
    label: 'Catatan',
    max: 2000,
    ...(request.decision === 'approve'
      ? {}
      : { min: { length: 3, message: 'Catatan wajib diisi untuk pengembalian atau penolakan.' } }),
  });
  if (request.decision === 'approve') await refuseAnotherSignatory(ctx, link, by);
  const factor = await confirmFactor(ctx, link, by, request, now, linkAlone);
  const decision: TakenDecision = {
    id: factor.kind === 'bsre' ? bsreDecisionId(linkId, by, request.documentData) : randomUUID(),
    route,
    note,
    by,
    at: now.toISOString(),
    ...(acting?.standsInFor ? { standsInFor: acting.standsInFor } : {}),
    ...(request.documentData ? { documentData: request.documentData } : {}),
    ...(request.survey ? { survey: request.survey } : {}),
    factor,
  };
  if (!(await claimAsking(ctx.dynamo, ctx.table, link)))
    throw refused('decided', 'Langkah ini sudah diputuskan oleh pejabat lain.');
  if (factor.kind === 'bsre' && ctx.signNow)
    await signWithPassphrase(ctx, link, decision, request.passphrase ?? '', now);
  // On the sweep's list in the same write, so a process dying after it leaves the decision where the sweep finds it (deliver-stranded-decisions.ts).
  const decided = await decideLink(ctx.dynamo, ctx.table, linkId, decision as unknown as Record<string, unknown>, {
    at: decision.at,
  });
  if (!decided) throw refused('decided', 'Langkah ini sudah diputuskan.');
  // The token as the decision left it (a reminder may have re-pointed the link since it was read); once decided it no longer changes.
  const delivered = await settleDecision(
    ctx,
    { ...link, status: 'decided', token: decided.token },
    decision,
    decided.token,
    read?.record,
  );
  return { ...decision, delivered };
}

/**
 * A signature goes only under the block that names the signer: a draft printed for someone else
 * (drafted before an absence began, or ended, or before a successor took the same post and id)
 * goes back to be printed again, never signed as it is.
 */
async function refuseAnotherSignatory(ctx: DecisionContext, link: ApprovalLink, signer: string) {
  const sop = ctx.sop(link);
  for (const kind of documentsSignedOn(sop, link)) {
    const signatory = (await getDocumentState(ctx.dynamo, ctx.table, link.caseId, kind))?.signatory;
    if (!signatory || !printedForAnother(signatory, { id: signer, name: ctx.officialName(signer) })) continue;
    const title = sop.documents.find((doc) => doc.kind === kind)?.title ?? kind;
    const named = signatory.nama ?? ctx.officialName(signatory.officialId) ?? signatory.officialId;
    throw new ParafError(
      'invalid',
      `${title} mencantumkan ${named} sebagai penandatangan, bukan Anda: dokumen tidak ditandatangani. Kembalikan draf ke langkah penyusunnya agar dicetak ulang dengan nama penandatangan yang benar.`,
    );
  }
}

/**
 * Who may act on the link now: the official it is for, or, while an absence of theirs is recorded,
 * only the deputy standing in (the official ends the absence to act again). Anyone else changes nothing.
 */
async function authorise(
  ctx: DecisionContext,
  link: ApprovalLink,
  actor: string | undefined,
  now: Date,
): Promise<{ by: string; standsInFor?: NonNullable<TakenDecision['standsInFor']> }> {
  const acting = await ctx.acting(link.officialId, now);
  const stand = acting?.standsInFor;
  if (actor && actor === (acting?.official.id ?? link.officialId))
    return stand ? { by: actor, standsInFor: { officialId: link.officialId, as: stand.as } } : { by: actor };
  const askedName = ctx.officialName(link.officialId);
  // An official gone from the staff directory: their link can no longer be decided, by anyone.
  if (!askedName)
    throw refused(
      'forbidden',
      'Langkah ini diminta kepada pejabat yang tidak lagi terdaftar di Paraf; tautan ini tidak dapat dipakai lagi. Bila langkah ini masih menunggu, langkah ini diminta kepada pejabat penggantinya paling lambat saat pengingatnya dikirim; tidak ada yang diubah.',
    );
  const asked = endSentence(askedName);
  if (stand && actor === link.officialId)
    throw refused(
      'forbidden',
      `Anda tercatat tidak hadir sampai ${formatTanggal(stand.until)}; langkah ini dikerjakan oleh ${acting?.official.name} (${CAPACITY_TITLE[stand.as]}). Akhiri ketidakhadiran Anda di halaman Ketidakhadiran untuk memutuskan sendiri.`,
    );
  const holder = stand
    ? `Langkah ini diminta kepada ${askedName} dan selama ketidakhadirannya dikerjakan oleh ${endSentence(acting.official.name)}`
    : `Langkah ini diminta kepada ${asked}`;
  throw refused(
    'forbidden',
    `${holder} ${actor ? 'Anda masuk sebagai pejabat lain; tidak ada yang diubah.' : 'Silakan masuk sebagai pejabat tersebut untuk memutuskan.'}`,
  );
}

/**
 * What authorises the decision: approving where it signs asks the signer's authenticator code (a
 * wrong one is refused, counted, and written in the trail without the code); every other decision
 * stands on the session, and the applicant's own step on their receipt code.
 */
async function confirmFactor(
  ctx: DecisionContext & { checkFactor?: FactorChecker; signNow?: SignNow },
  link: ApprovalLink,
  by: string,
  request: DecisionRequest,
  now: Date,
  linkAlone: boolean,
): Promise<DecisionFactor> {
  const sop = ctx.sop(link);
  if (request.decision === 'approve' && ctx.signNow && signingFactorOf(sop, link, 'bsre') === 'passphrase') {
    if (!request.passphrase) throw refused('factor', 'Masukkan passphrase BSrE Anda untuk menandatangani.');
    return { kind: 'bsre', officialId: by, checkedAt: now.toISOString() };
  }
  if (request.decision !== 'approve' || !approvalSigns(sop, link))
    // A decision on the link alone ({ kind: 'link' }) is no longer taken; the trail still reads older ones.
    return !linkAlone || request.actor === link.officialId
      ? { kind: 'session', officialId: by }
      : { kind: 'receipt-code' };
  const check: FactorCheck = ctx.checkFactor
    ? await ctx.checkFactor(by, request.factorCode)
    : { ok: false, reason: 'no-account' };
  if (check.ok) return check.factor;
  if (check.reason === 'wrong')
    await recordRefusedSignature(
      ctx,
      link,
      link.officialId,
      REFUSED_SIGNATURE.code,
      `Langkah ${link.step}: kode autentikator salah; tidak ada yang ditandatangani`,
      now,
    );
  throw refuseFactor(check, { doing: 'untuk menandatangani', notDone: 'Tidak ada yang ditandatangani' });
}

/**
 * A BSrE decision's id is the same on every try of the same official with the same drafting data:
 * documents signed before a refusal (a second document's wrong passphrase cannot happen, a service
 * gone mid-way can) are found under it on the next try instead of being signed twice.
 */
function bsreDecisionId(linkId: string, by: string, documentData: Record<string, unknown> | undefined): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([linkId, by, documentData ?? null]))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The official's BSrE signatures, now; a wrong passphrase is written in the trail (never the passphrase) and signs nothing. */
async function signWithPassphrase(
  ctx: DecisionContext & { signNow?: SignNow },
  link: ApprovalLink,
  decision: TakenDecision,
  passphrase: string,
  now: Date,
) {
  try {
    await ctx.signNow?.(link, decision, passphrase);
  } catch (error) {
    if (error instanceof ParafError && error.details.bsre)
      await recordRefusedSignature(
        ctx,
        link,
        decision.by,
        REFUSED_SIGNATURE.bsre,
        `Langkah ${link.step}: BSrE tidak menandatangani (${error.message}); keputusan belum tercatat`,
        now,
      );
    throw error;
  }
}

/** A signature refused (a wrong code, BSrE's refusal) in the trail: who tried, and why; never the code or passphrase. */
async function recordRefusedSignature(
  ctx: DecisionContext,
  link: ApprovalLink,
  officialId: string,
  kind: RefusedSignatureKind,
  action: string,
  now: Date,
) {
  await recordEvent(ctx.dynamo, ctx.table, link.caseId, {
    actionId: `${kind}-${randomUUID()}`,
    at: now.toISOString(),
    step: link.step,
    lane: link.lane,
    actor: { id: officialId, name: ctx.officialName(officialId) ?? officialId },
    action,
    notes: '',
    documents: [],
  });
}
