import { writeAuditTrail } from '#archive/archive-document.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { applicantClosedMail } from '#mail/mail-templates.ts';
import { getCase, recordEvent, updateCase } from '#records/case-records.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { MachineDecision } from '#workflow/machine-input.ts';
import { remakeCaseHistorySheets } from './make-history-sheets.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { recordClosed } from '#records/service-ledger.ts';
import { closedAs, witaDay } from './ledger-entries.ts';

/**
 * Closes a case, completed or rejected:
 *  0. after a handover, the issued documents' history sheets made again (make-history-sheets.ts);
 *  1. its status, and when it closed (a retry keeps the first time);
 *  2. the trail's closing event (once);
 *  3. the applicant told, once, where they gave an e-mail address (a completed case with a handover
 *     was told at the handover), with the e-mail's line in the trail (notify-applicant.ts);
 *  4. the final audit trail in the archive;
 *  5. how it closed, in the dashboard's ledger (until then the dashboard reads it from the record).
 */
export async function closeCase(
  rt: Runtime,
  input: { caseId: string; outcome: 'completed' | 'rejected'; decision: MachineDecision | null },
): Promise<{ status: 'selesai' | 'ditolak' }> {
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (!record) throw new ParafError('not-found', `Berkas ${input.caseId} tidak ditemukan.`);
  const status = input.outcome === 'completed' ? 'selesai' : 'ditolak';
  // A case with a handover told the applicant when the permit was ready and when it was handed over.
  const toldAtHandover = input.outcome === 'completed' && rt.sopOf(record).steps.some((s) => s.kind === 'handover');
  // The history sheets made at issue, again with the handover on them, before the case shows as closed.
  if (toldAtHandover) await remakeCaseHistorySheets(rt, input.caseId);
  const closedAt = record.closedAt ?? input.decision?.at ?? new Date().toISOString();
  await updateCase(rt.dynamo, rt.config.table, input.caseId, { status, current: null, closedAt });
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `close-${input.outcome}`,
    at: input.decision?.at ?? new Date().toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: input.outcome === 'completed' ? 'Berkas selesai' : 'Berkas ditutup: permohonan ditolak atau ditarik',
    notes: input.decision?.note ?? '',
    documents: [],
  });
  // Before the final trail, which then carries the e-mail's line; told once, and again on a retry that
  // follows a crash between the closing event and the e-mail (the line goes in only once it went out).
  if (!toldAtHandover)
    await notifyApplicant(rt, record, status, (line) =>
      applicantClosedMail({ ...line, outcome: input.outcome, note: input.decision?.note }),
    );
  await writeAuditTrail(
    { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table },
    input.caseId,
  );
  await recordClosed(rt.dynamo, rt.config.table, {
    sop: record.sop,
    caseId: record.caseId,
    receivedDay: witaDay(record.createdAt),
    closedAs: closedAs({ status, deadline: record.deadline, closedAt }, officeClock()) ?? 'selesai',
  });
  return { status };
}
