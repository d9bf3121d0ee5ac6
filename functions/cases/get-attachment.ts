import { readArchivedObject } from '#archive/read-archived-object.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { listAttachments, type ArchivedAttachment } from './list-attachments.ts';
import type { Runtime } from '#runtime/runtime.ts';

/**
 * Gets one of a case's attachments, by its SHA-256, changing nothing:
 *  1. only a well-formed hash of a file the case lists now (a replaced file is in the trail, not here);
 *  2. its bytes from the archive.
 */
export async function getAttachment(
  rt: Runtime,
  caseId: string,
  sha256: string,
): Promise<(ArchivedAttachment & { bytes: Uint8Array<ArrayBuffer> }) | undefined> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const attachment = (await listAttachments(rt, caseId)).find((file) => file.sha256 === sha256);
  if (!attachment) return undefined;
  return { ...attachment, bytes: await readArchivedObject(archiveClient(rt), rt.config.bucket, attachment.key) };
}
