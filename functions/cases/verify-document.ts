import { getVerification, type Verification } from '#records/get-verification.ts';
import { isDocumentId } from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';

/**
 * What the public verification page (the QR code's target) says of a document id:
 *  1. a malformed id is not found, without a read;
 *  2. otherwise the document as issued: title, number, holder, standing, signers, the copies' hashes.
 */
export async function verifyDocument(rt: Runtime, documentId: string): Promise<Verification> {
  return isDocumentId(documentId) ? getVerification(rt.dynamo, rt.config.table, documentId) : { found: false };
}
