import { readAttachmentList, type ArchivedAttachment } from '#archive/attachment-list.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';

export type { ArchivedAttachment };

/** A case id as Paraf makes them (start-case.ts): anything else names no case. */
export const isCaseId = (caseId: string) => /^[A-Za-z0-9_-]{8,64}$/.test(caseId);

/**
 * Lists the files the applicant handed in for a case, as they stand:
 *  1. a malformed case id lists nothing;
 *  2. the newest list a correction wrote, else the intake's application file.
 */
export async function listAttachments(rt: Runtime, caseId: string): Promise<ArchivedAttachment[]> {
  if (!isCaseId(caseId)) return [];
  return (await readAttachmentList(archiveClient(rt), rt.config.bucket, caseId)).attachments;
}
