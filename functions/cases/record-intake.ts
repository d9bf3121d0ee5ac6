import { applicantReceivedMail } from '#mail/mail-templates.ts';
import { getCase, recordEvent } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { StepInput } from '#workflow/machine-input.ts';
import { notifyApplicant } from './notify-applicant.ts';

const WHAT = {
  check: 'Berkas diperiksa lengkap dan benar di loket',
  register: 'Berkas didaftarkan dan tanda terima diberikan',
  receive: 'Laporan diterima',
} as const;

/**
 * Records an intake step (the counter's check, the registration, a report's arrival), which the
 * counter did while creating the case:
 *  1. the trail gets the step's event, once, by the official signed in at the counter who received
 *     the file (the case's `receivedBy`); a case opened without a signed-in official names nobody;
 *  2. the registration or the arrival tells the applicant their file was received (once); the check does not.
 */
export async function recordIntake(
  rt: Runtime,
  input: StepInput & { intake: keyof typeof WHAT },
): Promise<{ recorded: true }> {
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `intake-${input.step}`,
    at: new Date().toISOString(),
    step: input.step,
    lane: input.lane,
    actor: record?.receivedBy ?? null,
    action: WHAT[input.intake],
    notes: '',
    documents: [],
  });
  if (record && input.intake !== 'check')
    await notifyApplicant(rt, record, 'diterima', (line) =>
      applicantReceivedMail({ ...line, promised: record.deadline }),
    );
  return { recorded: true };
}
