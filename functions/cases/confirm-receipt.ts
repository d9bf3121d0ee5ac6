import { ParafError } from '#errors/paraf-error.ts';
import { listStepLinks } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { SurveyAnswers } from '#survey/ikm.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { decide } from './decide.ts';
import { decisionContext } from './settle-decision.ts';
import { showApplicantCase } from './show-applicant-case.ts';

/** What the applicant's page says for a file number and code that do not open a file: never which of the two is wrong. */
export const NOT_FOUND_FOR_APPLICANT = 'Berkas tidak ditemukan. Periksa nomor berkas dan kode tanda terima.';

/**
 * The applicant confirms, on their own page, that they received the permit (their step after the
 * handover), with the satisfaction survey answered in full or skipped:
 *  1. the file of the number and receipt code (a wrong pair: not-found, as an unknown number);
 *  2. the file must wait for that step now (otherwise: decided, said in the applicant's words);
 *  3. the step's open link, approved through `decide` as the applicant's own (no sign-in; the link is
 *     the factor), the survey with it: the trail, the survey record and the workflow follow as for any decision.
 */
export async function confirmReceipt(
  rt: Runtime,
  workflow: Workflow,
  request: { fileNumber: string; receiptCode: string; survey: SurveyAnswers | undefined },
  now: Date = new Date(),
): Promise<void> {
  const shown = await showApplicantCase(rt, request.fileNumber, request.receiptCode);
  if (!shown) throw new ParafError('not-found', NOT_FOUND_FOR_APPLICANT);
  const { stage, record } = shown;
  const confirm = stage.kind === 'collected' ? stage.confirm : null;
  if (!confirm)
    throw new ParafError(
      'decided',
      stage.kind === 'collected'
        ? 'Penerimaan surat izin sudah dikonfirmasi. Terima kasih.'
        : 'Berkas ini belum sampai pada penyerahan surat izin; tidak ada yang perlu dikonfirmasi sekarang.',
    );
  const links = await listStepLinks(rt.dynamo, rt.config.table, {
    caseId: record.caseId,
    step: confirm.step,
    purpose: 'step',
  });
  const open = links.find((link) => link.status === 'waiting');
  if (!open) throw new ParafError('decided', 'Penerimaan surat izin sudah dikonfirmasi. Terima kasih.');
  await decide(
    decisionContext(rt, workflow),
    open.linkId,
    {
      decision: 'approve',
      note: `Penerimaan surat izin dikonfirmasi pemohon di halaman pemohon${request.survey ? ', dengan survei kepuasan' : ', survei dilewati'}`,
      via: 'applicant-page',
      ...(request.survey ? { survey: request.survey } : {}),
    },
    now,
  );
}
