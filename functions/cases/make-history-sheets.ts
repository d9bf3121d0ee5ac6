import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { archiveKeys } from '#archive/archive-layout.ts';
import { readAttachmentList } from '#archive/attachment-list.ts';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { storeFile } from '#archive/store-file.ts';
import { HISTORY_SHEET_VIEWS, type HistorySheetView, renderHistorySheet } from '#documents/history-sheet.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getPermit } from '#records/permit-index.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { officeSealConfigured, signer, timestampAuthority } from '#runtime/signer.ts';
import { OFFICE_SEAL, sealPdf } from '#signing/office-seal.ts';
import { readSignatures } from '#signing/read-signatures.ts';

/**
 * Makes an issued document's history sheets (lembar riwayat) as its trail and status now stand: at
 * the archive step, again after the handover (close-case.ts), after a decree revokes it
 * (archive-case.ts of the revoking case) and after a renewal of its timestamps (renew-timestamps.ts),
 * and for an older document (the archive index):
 *  1. the document's permit record, the case, its trail, the SOP revision it ran under, and the
 *     document's state; the sheet's edition is the number of the trail's step lines and renewals,
 *     and whether it is revoked;
 *  2. the sheets the archive already holds for the document: a view of this edition made before
 *     (a retry) is not made again;
 *  3. the signatures of its issued copy 1 (which carries every paraf) as the file holds them, and
 *     the applicant's attachments as they stand;
 *  4. each missing view (the staff's full sheet, the public part) rendered and sealed by the
 *     office's system seal, time-stamped like the officials' signatures;
 *  5. each stored beside the copies under a key naming its edition and ending in its SHA-256.
 * An earlier edition stays in the archive (its objects are write-once), and the newest is served.
 * Returns each view's archive key.
 */
export async function makeHistorySheets(
  rt: Runtime,
  documentId: string,
  madeAt = new Date(),
): Promise<Record<HistorySheetView, string>> {
  const document = await getPermit(rt.dynamo, rt.config.table, documentId);
  if (!document) throw new ParafError('not-found', `Dokumen ${documentId} tidak ada di arsip.`);
  const [record, events, state] = await Promise.all([
    getCase(rt.dynamo, rt.config.table, document.caseId),
    listEvents(rt.dynamo, rt.config.table, document.caseId),
    getDocumentState(rt.dynamo, rt.config.table, document.caseId, document.kind),
  ]);
  // The steps' lines, the lines archiving a new revision of this document outside a step (a renewal
  // of its timestamps) and the revocation make a new edition; the trail's other lines (mail, the closing) do not.
  const changes = events.filter(
    (event) => event.step !== null || event.documents.some((file) => file.kind === document.kind),
  );
  const edition = editionOf(changes.length, document.revocation !== null);
  const found = await findSheetEditions(rt, document.caseId, document.kind);
  const made = Object.fromEntries(
    HISTORY_SHEET_VIEWS.flatMap((view) => (found[view]?.edition === edition ? [[view, found[view].key]] : [])),
  ) as Partial<Record<HistorySheetView, string>>;
  const missing = HISTORY_SHEET_VIEWS.filter((view) => !made[view]);
  if (missing.length === 0) return made as Record<HistorySheetView, string>;
  const issuedCopy = state?.copies.find((copy) => copy.copy === 1);
  if (!record || !state || !issuedCopy)
    throw new ParafError(
      'not-found',
      `Dokumen ${document.documentId} belum terbit: lembar riwayatnya belum dapat dibuat.`,
    );
  const [signatures, { attachments }] = await Promise.all([
    readArchivedObject(archiveClient(rt), rt.config.bucket, issuedCopy.key).then(readSignatures),
    readAttachmentList(archiveClient(rt), rt.config.bucket, document.caseId),
  ]);
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
      attachments,
      madeAt,
    });
    const sealed = await sealPdf(sheet.pdf, sheet.seal, madeAt, signer(rt), timestampAuthority(rt));
    const stored = await storeFile(
      archiveClient(rt),
      rt.config.bucket,
      sealed,
      (sha256) => archiveKeys.historySheet(document.caseId, document.kind, `${view}-${edition}`, sha256),
      'application/pdf',
    );
    made[view] = stored.key;
  }
  return made as Record<HistorySheetView, string>;
}

/**
 * After the handover, where the office seal can sign: the sheets of the case's issued documents
 * made again, so the handover step is on them (close-case.ts, before the case shows as closed).
 */
export async function remakeCaseHistorySheets(rt: Runtime, caseId: string): Promise<void> {
  const record = await getCase(rt.dynamo, rt.config.table, caseId);
  if (!record) return;
  for (const spec of rt.sopOf(record).documents.filter((doc) => doc.register))
    await remakeHistorySheets(rt, `${caseId}.${spec.kind}`);
}

/**
 * A permit's sheets made again (after a decree revoked it: archive-case.ts; after a renewal:
 * renew-timestamps.ts), where the office seal can sign and the permit is in the archive; a document
 * never issued has none to make.
 */
export async function remakeHistorySheets(rt: Runtime, documentId: string): Promise<void> {
  if (!(await officeSealConfigured(rt, OFFICE_SEAL.id))) return;
  if (await getPermit(rt.dynamo, rt.config.table, documentId)) await makeHistorySheets(rt, documentId);
}

/** Sheets sort by edition: the trail's step and renewal lines, then 1 once revoked (a sheet from before editions has none, the lowest). */
const editionOf = (events: number, revoked: boolean) => `v${String(events).padStart(4, '0')}${revoked ? 1 : 0}`;

const SHEET_KEY = /^(lengkap|publik)-(?:(v\d{5})-)?[0-9a-f]{64}\.pdf$/;

/**
 * The history sheets the archive holds for a case's document, by view: the newest edition's.
 * Should two attempts ever have overlapped, the first key in key order is the one, so every reader
 * picks the same file.
 */
export async function findHistorySheets(
  rt: Runtime,
  caseId: string,
  kind: string,
): Promise<Partial<Record<HistorySheetView, string>>> {
  const found = await findSheetEditions(rt, caseId, kind);
  return Object.fromEntries(Object.entries(found).map(([view, sheet]) => [view, sheet.key]));
}

async function findSheetEditions(
  rt: Runtime,
  caseId: string,
  kind: string,
): Promise<Partial<Record<HistorySheetView, { key: string; edition: string }>>> {
  const prefix = archiveKeys.historySheets(caseId, kind);
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: archiveClient(rt) },
    { Bucket: rt.config.bucket, Prefix: prefix },
  ))
    for (const { Key } of page.Contents ?? []) if (Key?.endsWith('.pdf')) keys.push(Key);
  const found: Partial<Record<HistorySheetView, { key: string; edition: string }>> = {};
  for (const key of keys.sort()) {
    const [, view, edition = ''] = SHEET_KEY.exec(key.slice(prefix.length)) ?? [];
    if (!view) continue;
    const newest = found[view as HistorySheetView];
    if (!newest || edition > newest.edition) found[view as HistorySheetView] = { key, edition };
  }
  return found;
}
