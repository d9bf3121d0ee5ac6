import { getCase } from '#records/case-records.ts';
import { getVerification, type Verification } from '#records/get-verification.ts';
import { getPermit, isDocumentId } from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { findHistorySheets } from './make-history-sheets.ts';

/** A decree or recommendation's act on another permit, and that permit as the public knows it. */
export interface PermitAct {
  effect: 'revokes' | 'recommends-revocation';
  permit: { documentId: string; title: string; registrationNumber: string };
}

/**
 * The verification, whether the public history sheet can be downloaded (so the page links it only
 * then), and, for a revocation's decree or a recommendation to revoke, the permit it acts on.
 */
export type DocumentVerification =
  | { found: false }
  | (Extract<Verification, { found: true }> & { historySheet: boolean; actsOn?: PermitAct | undefined });

/**
 * What the public verification page (the QR code's target) says of a document id:
 *  1. a malformed id is not found, without a read;
 *  2. otherwise the document as issued: title, number, holder, standing, signers, the copies' hashes;
 *  3. whether its public history sheet is in the archive (none for a document issued before sheets,
 *     or on AWS before the office seal is certified): the page links only a sheet that exists;
 *  4. a kind the catalog says acts on a permit (a revocation's decree, a recommendation to revoke):
 *     the permit its case was started against, so that the decree does not read as a permit in force.
 */
export async function verifyDocument(rt: Runtime, documentId: string): Promise<DocumentVerification> {
  if (!isDocumentId(documentId)) return { found: false };
  const verification = await getVerification(rt.dynamo, rt.config.table, documentId);
  if (!verification.found) return verification;
  const [caseId = '', kind = ''] = documentId.split('.');
  const [sheets, actsOn] = await Promise.all([findHistorySheets(rt, caseId, kind), permitActOf(rt, caseId, kind)]);
  return { ...verification, historySheet: Boolean(sheets.publik), actsOn };
}

/** The permit a document acts on (a revocation's decree, a recommendation to revoke); undefined for any other kind. */
export async function permitActOf(rt: Runtime, caseId: string, kind: string): Promise<PermitAct | undefined> {
  // Read only for the kinds that act on a permit: every other verification costs no more reads.
  if (!rt.catalog.some((sop) => sop.documents.some((doc) => doc.kind === kind && doc.permitEffect))) return undefined;
  const record = await getCase(rt.dynamo, rt.config.table, caseId);
  const effect = record && rt.sopOf(record).documents.find((doc) => doc.kind === kind)?.permitEffect;
  if (!record?.permit || !effect) return undefined;
  const permit = await getPermit(rt.dynamo, rt.config.table, record.permit);
  if (!permit) return undefined;
  return {
    effect,
    permit: { documentId: permit.documentId, title: permit.title, registrationNumber: permit.registrationNumber },
  };
}
