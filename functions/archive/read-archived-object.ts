import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** The bytes of one archived file, by its key (archive-layout.ts). */
export async function readArchivedObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error(`archive object ${key} came without a body`);
  return object.Body.transformToByteArray();
}
