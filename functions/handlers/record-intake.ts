import { recordEvent } from '#records/case-records.ts';
import { RecordIntakeEvent, parseEvent } from './events.ts';
import { runtime } from '#runtime/runtime.ts';

const WHAT = {
  check: 'Berkas diperiksa lengkap dan benar di loket',
  register: 'Berkas didaftarkan dan tanda terima diberikan',
  receive: 'Laporan diterima',
} as const;

/** Intake steps happened at the counter as the case was created: the trail records them. */
export async function handler(event: unknown) {
  const input = parseEvent(RecordIntakeEvent, event, 'record-intake');
  const { dynamo, config, staff } = runtime();
  const official = staff.forLane(input.lane)[0];
  await recordEvent(dynamo, config.table, input.caseId, {
    actionId: `intake-${input.step}`,
    at: new Date().toISOString(),
    step: input.step,
    lane: input.lane,
    actor: official ? { id: official.id, name: official.name } : null,
    action: WHAT[input.intake],
    notes: '',
    documents: [],
  });
  return { recorded: true };
}
