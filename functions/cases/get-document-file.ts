import { readArchivedObject } from '#archive/read-archived-object.ts';
import { getCase } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';

/** One rendered copy of a case's document by its number (1, 2 or 3, as a number or as written), or its DOCX draft. */
export type DocumentFile = { copy: number | string } | { draft: true };

/**
 * Gets the current file of a case's document:
 *  1. the document's state (its latest revision's keys);
 *  2. the copy or the draft asked for (none: undefined);
 *  3. its bytes from the archive, and the case's file number for the file's name.
 */
export async function getDocumentFile(
  rt: Runtime,
  caseId: string,
  kind: string,
  which: DocumentFile,
): Promise<{ kind: string; fileNumber: string | undefined; bytes: Uint8Array<ArrayBuffer> } | undefined> {
  const state = await getDocumentState(rt.dynamo, rt.config.table, caseId, kind);
  const file = 'draft' in which ? state?.draft : state?.copies.find((copy) => String(copy.copy) === String(which.copy));
  if (!state || !file) return undefined;
  const [record, bytes] = await Promise.all([
    getCase(rt.dynamo, rt.config.table, caseId),
    readArchivedObject(archiveClient(rt), rt.config.bucket, file.key),
  ]);
  return { kind: state.kind, fileNumber: record?.fileNumber, bytes };
}
