import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * The bytes of one stored object by its key: an archived file (archive-layout.ts), or an upload
 * (cases/claim-uploads.ts). Copied into an array of their own: the SDK may hand back a view of a
 * shared buffer, and what Response and Blob take is an array on an ArrayBuffer.
 */
export async function readArchivedObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array<ArrayBuffer>> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error(`archive object ${key} came without a body`);
  return new Uint8Array(await object.Body.transformToByteArray());
}
