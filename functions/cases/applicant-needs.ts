import type { CaseRecord } from '#records/case-records.ts';
import { applicantStep } from '#sop/applicant-step.ts';
import type { Sop } from '#sop/schema.ts';

// What the applicant brings to the counter, as their page and their e-mails list it: apart from the
// applicant's page (show-applicant-case.ts) so that track-deadline's reminder takes none of its reads.

/**
 * Where the applicant makes the correction asked of them, when the SOP has it made elsewhere than at
 * the counter (the send-back's `correctedIn`: DALAK-006's LKPM, in OSS RBA); undefined for the counter.
 */
export function correctedIn(sop: Sop, asked: { step: number; purpose: string }): string | undefined {
  if (asked.purpose !== 'applicant-correction') return undefined;
  return sop.steps
    .flatMap((step) => step.returns)
    .find((r) => r.to === 'applicant' && r.resumeAt === asked.step && r.correctedIn !== undefined)?.correctedIn;
}

/** What a corrected file needs at the counter: the receipt, the correction, and any item not handed in. */
export function correctionNeeds(record: CaseRecord): string[] {
  return [
    `Tanda terima berkas (nomor berkas ${record.fileNumber})`,
    'Berkas atau dokumen yang sudah diperbaiki sesuai alasan pengembalian',
    ...record.requirements.filter((item) => !item.handedIn).map((item) => item.label),
  ];
}

/** What collecting the permit needs: what the SOP's own step for the applicant takes in, else the receipt. */
export function collectionNeeds(sop: Sop): string[] {
  const inputs = applicantStep(sop)?.inputs ?? [];
  return inputs.length ? [...inputs] : ['Tanda terima berkas permohonan'];
}
