import { type PermitAct, permitActOf } from './verify-document.ts';
import { createHash } from 'node:crypto';
import { ParafError } from '#errors/paraf-error.ts';
import { getVerification, type Verification } from '#records/get-verification.ts';
import { findHash, type RevisionHash } from '#records/revision-hashes.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { signer } from '#runtime/signer.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { getPermit } from '#records/permit-index.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { revisionEnds, signatureContents } from '#signing/pdf-revisions.ts';
import { type VerificationReport, verifyPdf } from '#signing/verify-pdf.ts';

/**
 * The largest file the public page checks is the configuration's (verifyUploadMaxBytes): an issued
 * permit is well under 1 MB, a scan of one may be larger; behind API Gateway a synchronous Lambda
 * carries 6 MB, base64-encoded, so 4 MB there.
 */
export const uploadLimitMessage = (maxBytes: number) => `Berkas terlalu besar: paling besar ${megabytes(maxBytes)} MB.`;
export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** The revisions looked up for a file that is not itself archived: a permit has fewer than ten. */
const MAX_REVISIONS_LOOKED_UP = 32;

/** An issued document as the archive records it, and the permit it acts on where it is a decree or recommendation. */
export type IssuedDocument = Extract<Verification, { found: true }> & { actsOn?: PermitAct | undefined };

/** Where the file stands against the archive. */
export type UploadMatch =
  | { standing: 'not-paraf' }
  /**
   * The issued copy itself (or as issued before the archive renewed its timestamps: `revision` below
   * `revisions`), or an earlier revision of it (cut back at an earlier `%%EOF`).
   */
  | { standing: 'issued' | 'earlier'; revision: RevisionHash; document: IssuedDocument }
  /** A revision of an issued copy with bytes appended after it (an update, signed or not, that Paraf did not make). */
  | { standing: 'appended'; revision: RevisionHash; document: IssuedDocument; appendedBytes: number }
  /** No revision of it is archived, but it carries a signature of an issued copy: changed inside what was signed. */
  | { standing: 'altered'; documentId: string; copy: number; document: IssuedDocument };

export interface UploadVerification {
  sha256: string;
  match: UploadMatch;
  /** What the file's own signatures say; null when its signatures cannot be read at all. */
  signatures: VerificationReport | null;
  /**
   * The file is an archived revision but for a little white space after its last %%EOF (a line break
   * a writer added): its signatures are then read from the archived bytes, which they were made over.
   */
  endedOtherwise: boolean;
  /** An issued copy as it was before a renewal: its signatures were read from the archive's current copy, which holds it. */
  renewed?: true;
}

/**
 * What the public page "Verifikasi dokumen" says of an uploaded PDF. It reads and writes nothing but
 * the lookups; the bytes stay in memory and are never logged:
 *  1. a file over the limit, or one that is not a PDF, is refused;
 *  2. its SHA-256 against the issued copies and their earlier revisions (records/revision-hashes.ts);
 *  3. otherwise the file up to each of its `%%EOF`s, last first: a match is an issued copy or revision
 *     with something appended after it;
 *  4. otherwise each of its signatures' /Contents: one of an issued copy's names that copy, altered;
 *  5. the document a match names, with its standing (in force or revoked);
 *  6. every signature and timestamp of the file itself, against the office's CA (and BSrE's, with BSrE).
 */
export async function verifyUpload(
  rt: Runtime,
  pdf: Uint8Array,
  /** The time of the verification (verifyPdf's): a later one shows what a reader will be told then. */
  now = new Date(),
): Promise<UploadVerification> {
  if (pdf.byteLength > rt.config.verifyUploadMaxBytes)
    throw new ParafError('too-large', uploadLimitMessage(rt.config.verifyUploadMaxBytes));
  if (!isPdf(pdf))
    throw new ParafError('invalid-document', 'Berkas ini bukan PDF. Pilih berkas dokumen dalam format PDF.');
  const sha256 = sha256Of(pdf);
  const { match, archived } = await locate(rt, pdf, sha256);
  const renewed = await renewedCopy(rt, match, archived ?? pdf);
  const signatures = await verifyPdf(renewed ?? archived ?? pdf, await trustAnchors(rt), now).catch(() => null);
  return { sha256, match, signatures, endedOtherwise: archived !== undefined, ...(renewed ? { renewed: true } : {}) };
}

/**
 * A holder's copy as issued before the office renewed its timestamps: the archive's current copy is
 * that very file with the renewals appended, and it is what proves the signatures once the timestamps
 * the holder's copy carries have ended (their TSA's certificate). Read only when it begins with the
 * holder's bytes; otherwise nothing (the file is judged on its own).
 */
async function renewedCopy(rt: Runtime, match: UploadMatch, content: Uint8Array): Promise<Uint8Array | undefined> {
  if (match.standing !== 'issued' || match.revision.revision >= match.revision.revisions) return undefined;
  const permit = await getPermit(rt.dynamo, rt.config.table, match.revision.documentId);
  const current = permit?.copies.find((copy) => copy.copy === match.revision.copy);
  if (!current) return undefined;
  const bytes = await readArchivedObject(archiveClient(rt), rt.config.bucket, current.key).catch(() => undefined);
  const continues = bytes && Buffer.from(bytes.subarray(0, content.byteLength)).equals(Buffer.from(content));
  return continues ? bytes : undefined;
}

async function locate(
  rt: Runtime,
  pdf: Uint8Array,
  sha256: string,
): Promise<{ match: UploadMatch; archived?: Uint8Array | undefined }> {
  // A line break after the last %%EOF is how many writers end a PDF (ISO 32000-1, 7.5.5): a revision
  // with only a little white space after it is that revision, not one changed outside the office.
  const content = withoutTrailingWhiteSpace(pdf);
  const { found: whole, archived } = await findRevisionUpToEof(rt, pdf, sha256, content);
  if (whole) {
    const document = await issuedDocument(rt, whole.documentId);
    if (!document) return { match: { standing: 'not-paraf' } };
    const given = whole.revision === whole.revisions || whole.issued === true;
    return { match: { standing: given ? 'issued' : 'earlier', revision: whole, document }, archived };
  }
  return { match: await locateChanged(rt, pdf, content) };
}

/** A file that is no archived revision: one with something appended after a revision, or one whose signature an issued copy has. */
async function locateChanged(rt: Runtime, pdf: Uint8Array, content: Uint8Array): Promise<UploadMatch> {
  const ends = revisionEnds(pdf)
    .filter((end) => end < content.byteLength)
    .reverse()
    .slice(0, MAX_REVISIONS_LOOKED_UP);
  for (const end of ends) {
    const revision = await findHash(rt.dynamo, rt.config.table, 'revision', sha256Of(pdf.subarray(0, end)));
    if (!revision) continue;
    const document = await issuedDocument(rt, revision.documentId);
    if (document) return { standing: 'appended', revision, document, appendedBytes: pdf.byteLength - end };
  }
  for (const hex of signatureContents(pdf).slice(0, MAX_REVISIONS_LOOKED_UP)) {
    const signature = await findHash(rt.dynamo, rt.config.table, 'signature', sha256Of(hex));
    const document = signature && (await issuedDocument(rt, signature.documentId));
    if (signature && document)
      return { standing: 'altered', documentId: signature.documentId, copy: signature.copy, document };
  }
  return { standing: 'not-paraf' };
}

async function issuedDocument(rt: Runtime, documentId: string): Promise<IssuedDocument | undefined> {
  const found = await getVerification(rt.dynamo, rt.config.table, documentId);
  if (!found.found) return undefined;
  const [caseId = '', kind = ''] = documentId.split('.');
  return { ...found, actsOn: await permitActOf(rt, caseId, kind) };
}

/**
 * The archived revision the file is: as it is, or without a little white space after its last %%EOF
 * (every revision is archived up to its %%EOF; a writer or a mail program may add a line break after it).
 */
async function findRevisionUpToEof(
  rt: Runtime,
  pdf: Uint8Array,
  sha256: string,
  content: Uint8Array,
): Promise<{ found?: RevisionHash | undefined; archived?: Uint8Array | undefined }> {
  const exact = await findHash(rt.dynamo, rt.config.table, 'revision', sha256);
  // A few bytes of white space, as writers and mail programs leave them; more is something else.
  if (exact || pdf.byteLength - content.byteLength > MAX_TRAILING_WHITE_SPACE) return { found: exact };
  if (content.byteLength === pdf.byteLength) return {};
  const found = await findHash(rt.dynamo, rt.config.table, 'revision', sha256Of(content));
  return found ? { found, archived: content } : {};
}

const MAX_TRAILING_WHITE_SPACE = 16;

/** The file without the white space (PDF's: NUL, tab, line feed, form feed, carriage return, space) at its end. */
function withoutTrailingWhiteSpace(pdf: Uint8Array): Uint8Array {
  const whiteSpace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
  let end = pdf.byteLength;
  while (end > 0 && whiteSpace.has(pdf[end - 1] ?? -1)) end -= 1;
  return pdf.subarray(0, end);
}

/** A PDF starts with `%PDF-` within its first kilobyte (ISO 32000-1, 7.5.2, as readers accept it). */
function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

const sha256Of = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

const anchors = new WeakMap<Runtime, Uint8Array[]>();

/**
 * The issuers the office trusts. The office's CA: the last certificate of the office seal's chain,
 * which the office's own CA certifies wherever Paraf runs (locally the data folder's development CA,
 * which also certifies the officials' keys and the local TSA; on AWS the CA `npx paraf aws certify`
 * stored the seal's chain with). With BSrE signing, BSrE's CA too (PARAF_BSRE_CA), under which the
 * officials sign. Without the office's (a seal not certified yet) its signatures read as not trusted.
 */
async function trustAnchors(rt: Runtime): Promise<Uint8Array[]> {
  const known = anchors.get(rt);
  if (known) return known;
  const chain = await signer(rt)
    .certificates(OFFICE_SEAL.id)
    .catch(() => []);
  const found = [...chain.slice(-1), ...(rt.config.bsre?.trustAnchorPems ?? []).map(pemToDer)];
  // Not kept without the office's: a seal certified later is read at the next upload.
  if (chain.length) anchors.set(rt, found);
  return found;
}
