import { readArchivedObject } from '#archive/read-archived-object.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { HistorySheetView } from '#documents/history-sheet.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { findHistorySheets } from './make-history-sheets.ts';
import { showPermit } from './show-permit.ts';

/**
 * Gets an issued document's history sheet, for download:
 *  1. the permit record (none, or a malformed id: undefined);
 *  2. the sheet of the view asked for in the archive (none yet: undefined);
 *  3. its bytes, as sealed and stored.
 */
export async function getHistorySheet(
  rt: Runtime,
  documentId: string,
  view: HistorySheetView,
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> } | undefined> {
  const permit = (await showPermit(rt, documentId))?.permit;
  const key = permit && (await findHistorySheets(rt, permit.caseId, permit.kind))[view];
  if (!permit || !key) return undefined;
  return {
    fileName: `lembar-riwayat-${permit.documentId}.pdf`,
    bytes: await readArchivedObject(archiveClient(rt), rt.config.bucket, key),
  };
}
