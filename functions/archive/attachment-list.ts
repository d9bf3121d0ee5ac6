import { NoSuchKey, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { archiveKeys } from './archive-layout.ts';
import { readArchivedObject } from './read-archived-object.ts';
import { storeFile } from './store-file.ts';

/** One file the applicant handed in, as the archive keeps it. */
export interface ArchivedAttachment {
  name: string;
  contentType: string;
  key: string;
  sha256: string;
  size: number;
}

/**
 * The case's attachments as they stand: the newest list a correction wrote, else the intake's
 * (application.json). A case from before intakes kept an application file has none.
 */
export async function readAttachmentList(
  s3: S3Client,
  bucket: string,
  caseId: string,
): Promise<{ attachments: ArchivedAttachment[]; lists: number }> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Prefix: archiveKeys.attachmentLists(caseId) },
  ))
    for (const { Key } of page.Contents ?? []) if (Key?.endsWith('.json')) keys.push(Key);
  // Each list's key starts with its zero-padded count: the last in key order is the newest.
  const newest = keys.sort().at(-1);
  const json = await readJson(s3, bucket, newest ?? archiveKeys.application(caseId));
  const attachments = Array.isArray(json?.attachments) ? (json.attachments as unknown[]).filter(isAttachment) : [];
  return { attachments, lists: keys.length };
}

/** Writes the list after a correction under a key of its own (nothing is overwritten): the next count, its hash. */
export async function storeAttachmentList(
  s3: S3Client,
  bucket: string,
  caseId: string,
  count: number,
  attachments: ArchivedAttachment[],
): Promise<void> {
  await storeFile(
    s3,
    bucket,
    new TextEncoder().encode(`${JSON.stringify({ caseId, attachments }, null, 2)}\n`),
    (sha) => archiveKeys.attachmentList(caseId, count, sha),
    'application/json',
  );
}

async function readJson(s3: S3Client, bucket: string, key: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(new TextDecoder().decode(await readArchivedObject(s3, bucket, key))) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

const isAttachment = (value: unknown): value is ArchivedAttachment => {
  const item = value as Partial<ArchivedAttachment> | null;
  return (
    typeof item?.name === 'string' &&
    typeof item.contentType === 'string' &&
    typeof item.key === 'string' &&
    typeof item.sha256 === 'string' &&
    typeof item.size === 'number'
  );
};
