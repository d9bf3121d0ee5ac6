import { readArchivedObject } from '#archive/read-archived-object.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { getDocumentState } from '#records/document-state.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { DocumentFile } from './get-document-file.ts';
import { showPermit, type PermitRecord } from './show-permit.ts';

/**
 * Gets a file of an issued document, for download:
 *  1. the permit record (none: `no-permit`);
 *  2. a copy as the permit record lists it, or the editable draft of its document (none: `no-file`);
 *  3. its bytes from the archive.
 */
export async function getPermitFile(
  rt: Runtime,
  documentId: string,
  which: DocumentFile,
): Promise<{ permit: PermitRecord; bytes: Uint8Array<ArrayBuffer> } | 'no-permit' | 'no-file'> {
  const permit = (await showPermit(rt, documentId))?.permit;
  if (!permit) return 'no-permit';
  const key =
    'draft' in which
      ? (await getDocumentState(rt.dynamo, rt.config.table, permit.caseId, permit.kind))?.draft?.key
      : permit.copies.find((item) => String(item.copy) === String(which.copy))?.key;
  if (!key) return 'no-file';
  return { permit, bytes: await readArchivedObject(archiveClient(rt), rt.config.bucket, key) };
}
