import { officeClock } from '#clock/add-working-days.ts';
import { scheduleRefusal } from '#clock/scheduled-day.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { type CaseRecord, getCase } from '#records/case-records.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { jsonBytes } from '#validation/inspect-json.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { lettersToSign } from './rules/allowed-routes.ts';
import { inspectionDatesRefusal } from './rules/inspection-dates.ts';
import { decide, type DecisionRequest, type FactorChecker, type SignNow } from './decide.ts';
import { signStepNow } from './sign-step-now.ts';
import { FORM_LIMITS } from '#validation/form-limits.ts';
import { decisionContext, type TakenDecision } from './settle-decision.ts';
import { findLink } from './find-link.ts';
import { draftedKinds } from './prepare-drafts.ts';
import type { Sop } from '#sop/schema.ts';

/**
 * Takes an official's decision from the approval page, its input already well-formed:
 *  1. drafting data only for the documents the step drafts: the office's signer of a letter signs
 *     what was drafted and sends none;
 *  2. the drafting data merged into the case must keep the form within intake's limit;
 *  3. an approval that schedules a later step (the Surat Tugas and its inspection) must give a date
 *     the SOP allows, counted from today, and the inspection's documents must agree on its days;
 *  4. `decide`: the official the link is for (request.actor), the link open and unexpired, the route
 *     offered, a send-back with its reason, a signature only under the block naming the signer, the
 *     signer's code where approving signs (`checkFactor`), or with BSrE their passphrase, on which
 *     their paraf and signatures are made in this request (`signStepNow`), once.
 * Every refusal is a ParafError (`invalid`, `decided`, `expired`, `not-found`).
 */
export async function takeDecision(
  rt: Runtime,
  workflow: Workflow,
  linkId: string,
  request: DecisionRequest,
  now: Date = new Date(),
  checkFactor?: FactorChecker,
): Promise<TakenDecision & { delivered: boolean }> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  // One read of the case for every check below and decide's own; the commit is a conditional write, so a read moments old is enough.
  const record = link ? await getCase(rt.dynamo, rt.config.table, link.caseId) : undefined;
  if (link && request.documentData) {
    refuseUndraftedKinds(rt.sopOf(link), link, request.documentData);
    refuseOversizedForm(record, request.documentData);
  }
  if (link && request.decision === 'approve') {
    refuseMissingDrafts(rt.sopOf(link), link, record, request.documentData, now);
    refuseEarlySchedule(rt, link, record, request.documentData, now);
    refuseDisagreeingDates(rt.sopOf(link), link, record, request.documentData);
  }
  const signNow: SignNow | undefined =
    rt.config.signer === 'bsre'
      ? (asked, decision, passphrase) => signStepNow(rt, asked, decision, passphrase)
      : undefined;
  return decide(
    { ...decisionContext(rt, workflow), ...(checkFactor ? { checkFactor } : {}), ...(signNow ? { signNow } : {}) },
    linkId,
    request,
    now,
    link ? { link, record } : undefined,
  );
}

/**
 * Drafting data only for the documents this step drafts: a signer sends none (they sign what was
 * drafted), and a kind drafted at another step, or one the SOP never issues, would change the case's
 * data behind that step's back.
 */
function refuseUndraftedKinds(sop: Sop, link: ApprovalLink, documentData: Record<string, unknown>) {
  if (lettersToSign(sop, link).length > 0)
    throw new ParafError(
      'invalid',
      'Penandatangan tidak mengubah data draf; kembalikan surat ke langkah yang menyiapkannya bila datanya perlu diubah.',
    );
  const drafted = draftedKinds(sop, link);
  const others = Object.keys(documentData).filter((kind) => !drafted.includes(kind));
  if (others.length === 0) return;
  const title = (kind: string) => sop.documents.find((doc) => doc.kind === kind)?.title ?? `"${kind}"`;
  throw new ParafError(
    'invalid',
    drafted.length === 0
      ? `Langkah ini tidak menyusun dokumen; data draf tidak diterima (${others.map(title).join(', ')}).`
      : `Langkah ini hanya menyusun ${drafted.map(title).join(', ')}; data draf untuk ${others.map(title).join(', ')} tidak diterima.`,
  );
}

/**
 * A drafting step is approved only with the data of every document it drafts, sent with the decision
 * or kept by the case (given at the loket, or an earlier draft): without it the rendering that
 * follows stops the case for good (an attack pass's approval posted with no draft fields did).
 */
function refuseMissingDrafts(
  sop: Sop,
  link: ApprovalLink,
  record: CaseRecord | undefined,
  documentData: Record<string, unknown> | undefined,
  now: Date,
) {
  // A link no longer open gets decide's refusal (decided, expired), not this one.
  if (link.status !== 'waiting' || new Date(link.expiresAt) <= now) return;
  const missing = draftedKinds(sop, link).filter(
    (kind) => documentData?.[kind] === undefined && record?.form.documents?.[kind] === undefined,
  );
  if (missing.length === 0) return;
  const titles = missing.map((kind) => sop.documents.find((doc) => doc.kind === kind)?.title ?? `"${kind}"`);
  throw new ParafError(
    'invalid',
    `Data draf ${titles.join(', ')} belum diisi: isi formulir draf pada halaman langkah ini, lalu setujui lagi.`,
  );
}

/** The drafter's data replaces the case's data of those kinds; the case record must stay within the form's limit. */
function refuseOversizedForm(record: CaseRecord | undefined, documentData: Record<string, unknown>) {
  if (!record) return;
  const bytes = jsonBytes({ ...record.form, documents: { ...record.form.documents, ...documentData } });
  if (bytes <= FORM_LIMITS.maxBytes) return;
  throw new ParafError(
    'invalid',
    `Data draf terlalu besar: isian berkas menjadi ${Math.ceil(bytes / 1024)} KB, paling besar ${FORM_LIMITS.maxBytes / 1024} KB.`,
  );
}

/** A drafting step that sets the date of a later step is approved only with a date the SOP allows. */
function refuseEarlySchedule(
  rt: Runtime,
  link: ApprovalLink,
  record: CaseRecord | undefined,
  documentData: Record<string, unknown> | undefined,
  now: Date,
) {
  if (link.purpose !== 'step' || link.status === 'decided') return;
  const message = scheduleRefusal(
    officeClock(),
    rt.sopOf(link),
    link.step,
    { ...record?.form.documents, ...documentData },
    now,
  );
  if (message) throw new ParafError('invalid', message);
}

/** The notice and the minutes of an inspection fall within the days its Surat Tugas sends the officials for. */
function refuseDisagreeingDates(
  sop: Sop,
  link: ApprovalLink,
  record: CaseRecord | undefined,
  documentData: Record<string, unknown> | undefined,
) {
  if (link.purpose !== 'step' || link.status === 'decided') return;
  const message = inspectionDatesRefusal({ ...record?.form.documents, ...documentData }, draftedKinds(sop, link));
  if (message) throw new ParafError('invalid', message);
}
