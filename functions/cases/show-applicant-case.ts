import { listEvents, type CaseRecord } from '#records/case-records.ts';
import { sameReceiptCode } from './receipt-code.ts';
import { getDocumentState } from '#records/document-state.ts';
import { listStepLinks } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { applicantStep, waitsOnApplicantCorrection } from '#sop/applicant-step.ts';
import { collectionNeeds, correctedIn, correctionNeeds } from './applicant-needs.ts';
import type { Sop } from '#sop/schema.ts';
import { findCaseByFileNumber } from './find-case-by-file-number.ts';

/** Where a file stands, as the applicant is told it: nothing of the office's own work or notes but a return's reason. */
export type ApplicantStage =
  | { kind: 'received' }
  /** `clockPaused`: the promised time stopped while the file is with the applicant (adjust-deadline.ts). */
  | { kind: 'returned'; reason: string; bring: string[]; correctedIn?: string | undefined; clockPaused: boolean }
  | { kind: 'ready'; bring: string[] }
  | {
      kind: 'collected';
      confirm: { step: number; survey: boolean } | null;
      /** Confirmed already (its link decided) while the workflow has not yet moved on: taken, being recorded. */
      taken?: true;
    }
  /** `permitOutcome`: for a case started against a permit, what became of it, in the applicant's words. */
  | { kind: 'completed'; permitOutcome?: string }
  | { kind: 'closed'; reason: string }
  | { kind: 'stopped' };

export interface ApplicantView {
  record: CaseRecord;
  sop: Sop;
  stage: ApplicantStage;
  /** The numbered documents issued to the applicant, with their numbers once given. */
  permits: { title: string; number: string | null }[];
}

/**
 * The applicant's own view of their file, changing nothing:
 *  1. the case of the file number, only if the receipt code matches too (a wrong pair is "not found",
 *     the same as an unknown number: the code is the applicant's secret);
 *  2. its stage in the applicant's terms (applicantStage); at their own step, a confirmation already
 *     taken (the step's link decided, the workflow not yet moved on) asks for none again;
 *  3. the numbered documents it issues, with their numbers.
 */
export async function showApplicantCase(
  rt: Runtime,
  fileNumber: string,
  receiptCode: string,
): Promise<ApplicantView | undefined> {
  const found = await findCaseByFileNumber(rt.dynamo, rt.config.table, rt.catalog, fileNumber);
  if (!found || !sameReceiptCode(found.receiptCode, receiptCode)) return undefined;
  return applicantView(rt, found);
}

/** The same view of a case already found (its code checked by the caller). */
export async function applicantView(rt: Runtime, record: CaseRecord): Promise<ApplicantView> {
  const sop = rt.sopOf(record);
  const closing =
    record.status === 'ditolak'
      ? (await listEvents(rt.dynamo, rt.config.table, record.caseId)).find((e) => e.actionId === 'close-rejected')
      : undefined;
  const permits = await Promise.all(
    sop.documents
      .filter((doc) => doc.register && doc.kind !== 'tanda-terima')
      .map(async (doc) => ({
        title: doc.title,
        number: (await getDocumentState(rt.dynamo, rt.config.table, record.caseId, doc.kind))?.number?.number ?? null,
      })),
  );
  const stage = applicantStage(sop, record, closing?.notes ?? '');
  return { record, sop, stage: await confirmationTaken(rt, record, stage), permits };
}

/**
 * The applicant's step as it is between their confirmation and the workflow's next move: the link is
 * decided at once (decide.ts), the case's current step only once the workflow takes the decision. Read
 * from the link, so the page right after confirming says it was received and shows no form again.
 */
async function confirmationTaken(rt: Runtime, record: CaseRecord, stage: ApplicantStage): Promise<ApplicantStage> {
  if (stage.kind !== 'collected' || !stage.confirm) return stage;
  const links = await listStepLinks(rt.dynamo, rt.config.table, {
    caseId: record.caseId,
    step: stage.confirm.step,
    purpose: 'step',
  });
  // A decision taken (it has its route), not a link closed some other way (moved to a new revision).
  const taken =
    !links.some((link) => link.status === 'waiting') &&
    links.some((link) => link.status === 'decided' && typeof link.decision?.route === 'string');
  return taken ? { kind: 'collected', confirm: null, taken: true } : stage;
}

/**
 * What a finished case did to the permit it was started against: a decree revoked it (013), a
 * recommendation asked for it (014), or, where the SOP ends in the Kepala's follow-up (011, 012),
 * nothing by itself, which the applicant is told rather than left to guess.
 */
function permitOutcomeOf(sop: Sop, record: CaseRecord): { permitOutcome?: string } {
  if (!sop.actsOnPermit) return {};
  const permit = record.permitNumber ? `izin Nomor ${record.permitNumber}` : 'izin yang dimaksud';
  const effects = sop.documents.map((doc) => doc.permitEffect);
  if (effects.includes('revokes')) return { permitOutcome: `Keputusan pencabutan ${permit} sudah diterbitkan.` };
  if (effects.includes('recommends-revocation'))
    return {
      permitOutcome: `Rekomendasi pencabutan ${permit} sudah diterbitkan; izin itu tetap berlaku sampai pencabutannya ditetapkan.`,
    };
  return {
    permitOutcome: `Kepala Dinas sudah menetapkan tindak lanjutnya. Berkas ini tidak menerbitkan keputusan pencabutan: ${permit} tetap berlaku sampai dicabut dengan keputusan tersendiri.`,
  };
}

/** The stage of a case for the applicant, from its status and the step waiting. */
export function applicantStage(sop: Sop, record: CaseRecord, closingNote: string): ApplicantStage {
  if (record.status === 'gagal') return { kind: 'stopped' };
  if (record.status === 'ditolak') return { kind: 'closed', reason: closingNote };
  if (record.status === 'selesai')
    return sop.steps.some((s) => s.kind === 'handover')
      ? { kind: 'collected', confirm: null }
      : { kind: 'completed', ...permitOutcomeOf(sop, record) };
  const current = record.current;
  if (!current) return { kind: 'received' };
  // request-action records a return reason only for an asking that waits on the applicant's correction.
  if (waitsOnApplicantCorrection(sop, current, current.returnReason !== undefined))
    return {
      kind: 'returned',
      reason: current.returnReason ?? '',
      bring: correctionNeeds(record),
      correctedIn: correctedIn(sop, current),
      clockPaused: Boolean(record.clockPausedAt),
    };
  const step = sop.steps.find((s) => s.no === current.step);
  if (step?.kind === 'handover') return { kind: 'ready', bring: collectionNeeds(sop) };
  const own = applicantStep(sop);
  if (own && own.no === current.step)
    return { kind: 'collected', confirm: { step: own.no, survey: own.collectsSurvey === true } };
  return { kind: 'received' };
}
