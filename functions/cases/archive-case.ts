import { writeAuditTrail } from '#archive/archive-document.ts';
import { witaDateTime } from '#clock/wita.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { getCase, recordEvent } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { markRevoked, putPermit, recordRevocationRecommendation, signerFacts } from '#records/permit-index.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { indexCopyRevisions } from './index-copy-revisions.ts';
import { makeHistorySheets, remakeHistorySheets } from './make-history-sheets.ts';
import { officeSealConfigured } from '#runtime/signer.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import type { StepInput } from '#workflow/machine-input.ts';
import { logger } from '#runtime/observability.ts';

/**
 * Files the case, safe to repeat (rewriting is harmless):
 *  1. for every numbered document of the SOP, the permit record that the archive search and the
 *     public verification page read, and each of its copies' revisions by SHA-256 (verification by upload);
 *  2. where the case acted on a permit, the decree revokes it, or the recommendation is recorded
 *     on it (the permit stays in force and says so);
 *  3. the audit trail as it stands, in the archive.
 *  4. each document's history sheets (make-history-sheets.ts), once: last, so that a seal that
 *     cannot sign leaves everything above filed, and the retry makes only the sheets; and those of
 *     a permit the decree revoked, made again to say so.
 */
export async function archiveCase(rt: Runtime, input: StepInput): Promise<{ permits: string[]; auditTrail: string }> {
  const sop = rt.sopOf(input);
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (!record) throw new ParafError('not-found', `Berkas ${input.caseId} tidak ditemukan.`);
  const permits: string[] = [];
  for (const spec of sop.documents.filter((doc) => doc.register)) {
    const state = await getDocumentState(rt.dynamo, rt.config.table, input.caseId, spec.kind);
    if (!state?.number) continue;
    const documentId = `${input.caseId}.${spec.kind}`;
    await putPermit(rt.dynamo, rt.config.table, {
      documentId,
      caseId: input.caseId,
      sop: sop.id,
      kind: spec.kind,
      title: spec.title,
      registrationNumber: state.number.number,
      issuedAt: state.number.assignedAt,
      company: record.applicant.name,
      nib: record.applicant.nib ?? null,
      npwp: record.applicant.npwp ?? null,
      status: 'aktif',
      revocation: null,
      copies: state.copies.map(({ copy, key, sha256 }) => ({ copy, key, sha256 })),
      signers: state.signers.map((signer) => ({ ...signerFacts(signer), nip: signer.nip })),
    });
    await indexCopyRevisions(rt, documentId, state.copies);
    permits.push(documentId);
    if (!record.permit || !spec.permitEffect) continue;
    const act = {
      number: state.number.number,
      date: witaDateTime(new Date(state.number.assignedAt)).date,
      caseId: input.caseId,
    };
    // The decree closes the loop: the permit the case acted on now shows its revocation everywhere.
    if (spec.permitEffect === 'revokes') await markRevoked(rt.dynamo, rt.config.table, record.permit, act);
    // A recommendation only asks the revoking authority: the permit stays in force and says so.
    else
      await recordRevocationRecommendation(rt.dynamo, rt.config.table, record.permit, {
        ...act,
        addressedTo: addressee(record.form.documents?.[spec.kind]),
      });
  }
  const trail = await writeAuditTrail(
    { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table },
    input.caseId,
  );
  await makeSheetsWhereSealed(rt, input.caseId, permits);
  // The revoked permit's own sheets made again: they say by which decree it was revoked.
  const revokes = sop.documents.some((doc) => doc.register && doc.permitEffect === 'revokes');
  if (record.permit && revokes) await remakeHistorySheets(rt, record.permit);
  return { permits, auditTrail: trail.key };
}

/** The addressee of an outgoing letter (the `kepada` block of every surat), as one line. */
function addressee(data: unknown): string | null {
  const to = (data as { kepada?: { jabatan?: unknown; instansi?: unknown } } | undefined)?.kepada;
  const parts = [to?.jabatan, to?.instansi].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length ? parts.join(', ') : null;
}

/**
 * The history sheets, where the office seal can sign them. On AWS the seal is a KMS key the office
 * certifies as `segel-kantor` (`npx paraf aws certify`); until it does, the case is filed without its sheets (a stopped case would
 * be worse), and the trail says why, for staff and the operator to see.
 */
async function makeSheetsWhereSealed(rt: Runtime, caseId: string, permits: string[]) {
  if (permits.length === 0) return;
  if (await officeSealConfigured(rt, OFFICE_SEAL.id)) {
    for (const documentId of permits) await makeHistorySheets(rt, documentId);
    return;
  }
  logger.error(
    `archive-case: the office seal (${OFFICE_SEAL.id}) has no certificate yet; the case is filed without history sheets`,
    { caseId },
  );
  await recordEvent(rt.dynamo, rt.config.table, caseId, {
    actionId: `lembar-riwayat-tanpa-segel-${caseId}`,
    at: new Date().toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: 'Lembar riwayat dokumen belum dibuat: kunci segel elektronik kantor belum dipasang',
    notes: 'Pengelola Paraf memasang kunci segel kantor; dokumen dan arsipnya tetap sah tanpa lembar riwayat.',
    documents: [],
  });
}
