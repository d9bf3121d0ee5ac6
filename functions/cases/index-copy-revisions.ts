import { createHash } from 'node:crypto';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { putHashes, type RevisionHash, type SignatureHash } from '#records/revision-hashes.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { endsWithDocumentTimestamp, revisionEnds, signatureContents } from '#signing/pdf-revisions.ts';

/**
 * Makes an issued document's copies, and every earlier revision of them, findable by their
 * bytes' SHA-256 (the verification by upload); safe to repeat, the same bytes giving the same items:
 *  1. each copy's issued bytes, read back from the archive;
 *  2. the SHA-256 of each revision: the file up to each `%%EOF`, the whole file the last;
 *  3. one record per hash (records/revision-hashes.ts), marking the revisions a holder was given
 *     (the issued copy, and the copy before each renewal of its timestamps);
 *  4. one per signature, by the SHA-256 of its /Contents: a copy altered anywhere still carries them.
 */
export async function indexCopyRevisions(
  rt: Runtime,
  documentId: string,
  copies: { copy: number; key: string }[],
): Promise<void> {
  const revisions: RevisionHash[] = [];
  const signatures: SignatureHash[] = [];
  for (const { copy, key } of copies) {
    const pdf = await readArchivedObject(archiveClient(rt), rt.config.bucket, key);
    const ends = revisionEnds(pdf);
    for (const [i, end] of ends.entries())
      revisions.push({
        sha256: sha256Of(pdf.subarray(0, end)),
        documentId,
        copy,
        revision: i + 1,
        revisions: ends.length,
        issued: i === ends.length - 1 || endsWithDocumentTimestamp(pdf, end),
      });
    for (const hex of signatureContents(pdf)) signatures.push({ sha256: sha256Of(hex), documentId, copy });
  }
  // Every copy's hashes in as few requests as a batch allows (a permit's three copies: two).
  await putHashes(rt.dynamo, rt.config.table, 'revision', revisions);
  await putHashes(rt.dynamo, rt.config.table, 'signature', signatures);
}

const sha256Of = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
