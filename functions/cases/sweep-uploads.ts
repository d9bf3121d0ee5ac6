import { DeleteObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { listUploadClaims, releaseUpload } from '#records/upload-claims.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { UPLOAD_PREFIX } from './issue-upload-form.ts';

/** What S3's lifecycle rule keeps on AWS (infra/aws/storage-stack.ts): an upload no case took is gone after a day. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the uploads nobody took, as the uploads bucket's lifecycle rule does on AWS; the local
 * runtime runs it at start and each hour (infra/local/upload-sweep.ts):
 *  1. every object under uploads/ last written more than a day before `now` is removed;
 *  2. every claim taken more than a day before `now` is removed: its request ended long ago, and
 *     its upload is gone with step 1 (a claim is kept only where the intake could not remove it).
 * A form is valid fifteen minutes and an intake takes seconds, so nothing a day old is still in use.
 */
export async function sweepUploads(rt: Runtime, now: Date): Promise<{ uploads: number; claims: number }> {
  const bucket = rt.config.uploads?.bucket;
  if (!bucket) return { uploads: 0, claims: 0 };
  const before = new Date(now.getTime() - UPLOAD_KEPT_MS);
  const s3 = archiveClient(rt);
  let uploads = 0;
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: UPLOAD_PREFIX }))
    for (const object of page.Contents ?? [])
      if (object.Key && object.LastModified && object.LastModified < before) {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
        uploads++;
      }
  const claims = await listUploadClaims(rt.dynamo, rt.config.table, before);
  for (const key of claims) await releaseUpload(rt.dynamo, rt.config.table, key);
  return { uploads, claims: claims.length };
}
