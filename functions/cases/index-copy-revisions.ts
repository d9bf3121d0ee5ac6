import { createHash } from 'node:crypto';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { putRevisionHashes } from '#records/revision-hashes.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { revisionEnds } from '#signing/pdf-revisions.ts';

/**
 * Makes an issued document's copies, and every earlier revision of them, findable by their
 * bytes' SHA-256 (the verification by upload); safe to repeat, the same bytes giving the same items:
 *  1. each copy's issued bytes, read back from the archive;
 *  2. the SHA-256 of each revision: the file up to each `%%EOF`, the whole file the last;
 *  3. one record per hash (records/revision-hashes.ts).
 */
export async function indexCopyRevisions(
  rt: Runtime,
  documentId: string,
  copies: { copy: number; key: string }[],
): Promise<void> {
  for (const { copy, key } of copies) {
    const pdf = await readArchivedObject(archiveClient(rt), rt.config.bucket, key);
    const ends = revisionEnds(pdf);
    await putRevisionHashes(
      rt.dynamo,
      rt.config.table,
      ends.map((end, i) => ({
        sha256: createHash('sha256').update(pdf.subarray(0, end)).digest('hex'),
        documentId,
        copy,
        revision: i + 1,
        revisions: ends.length,
      })),
    );
  }
}
