import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { archiveKeys } from '#archive/archive-layout.ts';
import { storeFile } from '#archive/store-file.ts';
import { HISTORY_SHEET_VIEWS, type HistorySheetView, renderHistorySheet } from '#documents/history-sheet.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getPermit } from '#records/permit-index.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { signer, timestampAuthority } from '#runtime/signer.ts';
import { sealPdf } from '#signing/office-seal.ts';
import { readSignatures } from '#signing/read-signatures.ts';
import { readArchivedFile } from './get-document-file.ts';

/**
 * Makes an issued document's history sheets (lembar riwayat), once, when the case is archived:
 *  1. the document's permit record, and the sheets the archive already holds for the document: a retry finds them and makes none again;
 *  2. the case, its trail, the SOP revision it ran under, the document's state, and the signatures
 *     of its issued copy 1 (which carries every paraf) as the file holds them;
 *  3. each missing view (the staff's full sheet, the public part) rendered and sealed by the
 *     office's system seal, time-stamped like the officials' signatures;
 *  4. each stored beside the copies under a key ending in its SHA-256.
 * Returns each view's archive key.
 */
export async function makeHistorySheets(
  rt: Runtime,
  documentId: string,
  madeAt = new Date(),
): Promise<Record<HistorySheetView, string>> {
  const document = await getPermit(rt.dynamo, rt.config.table, documentId);
  if (!document) throw new ParafError('not-found', `Dokumen ${documentId} tidak ada di arsip.`);
  const found = await findHistorySheets(rt, document.caseId, document.kind);
  const missing = HISTORY_SHEET_VIEWS.filter((view) => !found[view]);
  if (missing.length === 0) return found as Record<HistorySheetView, string>;
  const [record, events, state] = await Promise.all([
    getCase(rt.dynamo, rt.config.table, document.caseId),
    listEvents(rt.dynamo, rt.config.table, document.caseId),
    getDocumentState(rt.dynamo, rt.config.table, document.caseId, document.kind),
  ]);
  const issuedCopy = state?.copies.find((copy) => copy.copy === 1);
  if (!record || !state || !issuedCopy)
    throw new ParafError(
      'not-found',
      `Dokumen ${document.documentId} belum terbit: lembar riwayatnya belum dapat dibuat.`,
    );
  const signatures = await readSignatures(await readArchivedFile(rt, issuedCopy.key));
  const made = { ...found };
  for (const view of missing) {
    const sheet = await renderHistorySheet({
      view,
      sop: rt.sopOf(record),
      fileNumber: record.fileNumber,
      document,
      verificationUrl: `${rt.config.publicUrl}/verifikasi/${document.documentId}`,
      events,
      signers: state.signers,
      signatory: state.signatory,
      signatures,
      madeAt,
    });
    const sealed = await sealPdf(sheet.pdf, sheet.seal, madeAt, signer(rt), timestampAuthority(rt));
    const stored = await storeFile(
      archiveClient(rt),
      rt.config.bucket,
      sealed,
      (sha256) => archiveKeys.historySheet(document.caseId, document.kind, view, sha256),
      'application/pdf',
    );
    made[view] = stored.key;
  }
  return made as Record<HistorySheetView, string>;
}

/**
 * The history sheets the archive holds for a case's document, by view. Should two attempts ever
 * have overlapped, the first key in key order is the one, so every reader picks the same file.
 */
export async function findHistorySheets(
  rt: Runtime,
  caseId: string,
  kind: string,
): Promise<Partial<Record<HistorySheetView, string>>> {
  const prefix = archiveKeys.historySheets(caseId, kind);
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: archiveClient(rt) },
    { Bucket: rt.config.bucket, Prefix: prefix },
  ))
    for (const { Key } of page.Contents ?? []) if (Key?.endsWith('.pdf')) keys.push(Key);
  const found: Partial<Record<HistorySheetView, string>> = {};
  for (const key of keys.sort())
    for (const view of HISTORY_SHEET_VIEWS) if (key.startsWith(`${prefix}${view}-`)) found[view] ??= key;
  return found;
}
