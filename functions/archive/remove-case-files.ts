import { DeleteObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

/**
 * Removes what an abandoned intake stored (application.json and the attachments) so that the
 * archive holds no file of a case that never existed. Only an intake that never reached its case
 * record calls it. On AWS, with versioning and Object Lock, this leaves a delete marker: the
 * locked version stays for the retention period, out of every listing Paraf makes.
 */
export async function removeCaseFiles(s3: S3Client, bucket: string, caseId: string): Promise<string[]> {
  const removed: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: `cases/${caseId}/` })) {
    for (const { Key: key } of page.Contents ?? []) {
      if (!key) continue;
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      removed.push(key);
    }
  }
  return removed;
}
