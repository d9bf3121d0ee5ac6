import { applicantReceivedMail } from '#mail/mail-templates.ts';
import { getCase, recordEvent } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { StepInput } from './machine-input.ts';
import { notifyApplicant } from './notify-applicant.ts';

const WHAT = {
  check: 'Berkas diperiksa lengkap dan benar di loket',
  register: 'Berkas didaftarkan dan tanda terima diberikan',
  receive: 'Laporan diterima',
} as const;

/**
 * Records an intake step (the counter's check, the registration, a report's arrival): the person
 * acted while creating the case, so the trail gets the step's event, by the lane's first official,
 * once. The registration or the arrival then tells the applicant their file was received (once).
 */
export async function recordIntake(
  rt: Runtime,
  input: StepInput & { intake: keyof typeof WHAT },
): Promise<{ recorded: true }> {
  const official = rt.staff.forLane(input.lane)[0];
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `intake-${input.step}`,
    at: new Date().toISOString(),
    step: input.step,
    lane: input.lane,
    actor: official ? { id: official.id, name: official.name } : null,
    action: WHAT[input.intake],
    notes: '',
    documents: [],
  });
  const record = input.intake === 'check' ? undefined : await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (record)
    await notifyApplicant(rt, record, 'diterima', (line) =>
      applicantReceivedMail({ ...line, promised: record.deadline }),
    );
  return { recorded: true };
}
