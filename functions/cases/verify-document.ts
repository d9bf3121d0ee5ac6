import { getVerification, type Verification } from '#records/get-verification.ts';
import { isDocumentId } from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { findHistorySheets } from './make-history-sheets.ts';

/** The verification, and whether the public history sheet can be downloaded (so the page links it only then). */
export type DocumentVerification =
  | { found: false }
  | (Extract<Verification, { found: true }> & { historySheet: boolean });

/**
 * What the public verification page (the QR code's target) says of a document id:
 *  1. a malformed id is not found, without a read;
 *  2. otherwise the document as issued: title, number, holder, standing, signers, the copies' hashes;
 *  3. whether its public history sheet is in the archive (none for a document issued before sheets,
 *     or on AWS before the office seal is certified): the page links only a sheet that exists.
 */
export async function verifyDocument(rt: Runtime, documentId: string): Promise<DocumentVerification> {
  if (!isDocumentId(documentId)) return { found: false };
  const verification = await getVerification(rt.dynamo, rt.config.table, documentId);
  if (!verification.found) return verification;
  const [caseId = '', kind = ''] = documentId.split('.');
  const sheets = await findHistorySheets(rt, caseId, kind);
  return { ...verification, historySheet: Boolean(sheets.publik) };
}
