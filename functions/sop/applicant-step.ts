import type { Sop } from './schema.ts';

/** The applicant's own step, after the handover: receiving the permit (and answering the survey). */
export function applicantStep(sop: Sop) {
  const handover = sop.steps.find((s) => s.kind === 'handover');
  return handover
    ? sop.steps.find(
        (s) =>
          s.no > handover.no &&
          s.kind === 'applicant-action' &&
          sop.lanes.some((lane) => lane.id === s.lane && lane.external),
      )
    : undefined;
}

/**
 * Whether an asking waits on the applicant's corrected file: the correction asked through the front
 * office's applicant lane, or a front-office check a later step sent the file back to (PAR-05 step 8:
 * the CS asks the applicant for the correction). The applicant is told why, and their page says so.
 */
export function waitsOnApplicantCorrection(
  sop: Sop,
  asked: { step: number; purpose: string },
  sentBack: boolean,
): boolean {
  if (asked.purpose === 'applicant-correction') return true;
  return sentBack && sop.steps.find((s) => s.no === asked.step)?.kind === 'front-office-check';
}

/**
 * The step asked, where it is the applicant's own (confirming receipt on their page): its e-mails and
 * its reminder speak to or of the applicant, not as to an official. Kept apart from the applicant's
 * page (cases/show-applicant-case.ts) so that track-deadline's bundle takes none of that page's reads.
 */
export function applicantsOwnStep(sop: Sop, asked: { step: number; purpose: 'step' | 'applicant-correction' }) {
  const own = asked.purpose === 'step' ? applicantStep(sop) : undefined;
  return own?.no === asked.step ? own : undefined;
}
