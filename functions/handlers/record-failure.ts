import { getCase, recordEvent, updateCase } from '#records/case-records.ts';
import { RecordFailureEvent, parseEvent } from './events.ts';
import { runtime } from '#runtime/runtime.ts';

/** A machine step failed after its retries: the case shows it, so staff can act. */
export async function handler(event: unknown) {
  const input = parseEvent(RecordFailureEvent, event, 'record-failure');
  const rt = runtime();
  const error = (input.error ?? {}) as { Error?: string; Cause?: string };
  // A closed case keeps its outcome: a failure after it (the archive's last trail, say) is recorded, not made its status.
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (record?.status === 'berjalan') await updateCase(rt.dynamo, rt.config.table, input.caseId, { status: 'gagal' });
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `failure-${error.Error ?? 'unknown'}`,
    at: new Date().toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: 'Proses terhenti karena kesalahan sistem',
    notes: `${error.Error ?? 'Error'}: ${String(error.Cause ?? '').slice(0, 500)}`,
    documents: [],
  });
  return { recorded: true };
}
