import { writeAuditTrail } from '#archive/archive-document.ts';
import { sendCaseMail } from '#cases/send-case-mail.ts';
import { getCase, recordEvent, updateCase } from '#records/case-records.ts';
import { CloseCaseEvent, parseEvent } from './events.ts';
import { mailer } from '#runtime/mailer.ts';
import { runtime } from '#runtime/runtime.ts';
import { archiveClient } from '#runtime/archive-client.ts';

/** Closes the case, completed or rejected, files the final audit trail and tells the applicant. */
export async function handler(event: unknown) {
  const input = parseEvent(CloseCaseEvent, event, 'close-case');
  const rt = runtime();
  const record = (await getCase(rt.dynamo, rt.config.table, input.caseId))!;
  const status = input.outcome === 'completed' ? 'selesai' : 'ditolak';
  await updateCase(rt.dynamo, rt.config.table, input.caseId, {
    status,
    current: null,
    closedAt: record.closedAt ?? input.decision?.at ?? new Date().toISOString(),
  });
  const recorded = await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `close-${input.outcome}`,
    at: input.decision?.at ?? new Date().toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: input.outcome === 'completed' ? 'Berkas selesai' : 'Berkas ditutup: permohonan ditolak atau ditarik',
    notes: input.decision?.note ?? '',
    documents: [],
  });
  await writeAuditTrail(
    { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table },
    input.caseId,
  );
  if (recorded && record.applicant.email) {
    const statusUrl = `${rt.config.publicUrl}/cek-status`;
    await sendCaseMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, input.caseId, {
      to: record.applicant.email,
      subject:
        input.outcome === 'completed' ? `Berkas ${record.fileNumber} selesai` : `Berkas ${record.fileNumber} ditutup`,
      text:
        input.outcome === 'completed'
          ? `Yth. ${record.applicant.name},\n\nBerkas nomor ${record.fileNumber} telah selesai diproses. Surat dapat diambil di loket pengambilan dengan membawa tanda terima.\n\nCek status: ${statusUrl}`
          : `Yth. ${record.applicant.name},\n\nBerkas nomor ${record.fileNumber} ditutup${input.decision?.note ? `: ${input.decision.note}` : ''}.\n\nCek status: ${statusUrl}`,
      links: [{ label: 'Cek status', url: statusUrl }],
    });
  }
  return { status };
}
