import { createHash } from 'node:crypto';
import { PutObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';

export interface StoredFile {
  key: string;
  sha256: string;
  size: number;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Puts one file under the key its hash chooses (archive-layout.ts). The bucket's own checksum
 * (x-amz-checksum-sha256) is sent with it, so S3 refuses bytes that changed on the way.
 */
export async function storeFile(
  s3: S3Client,
  bucket: string,
  bytes: Uint8Array,
  keyFor: (sha256: string) => string,
  contentType: string,
  tags: Record<string, string> = {},
): Promise<StoredFile> {
  const sha256 = sha256Hex(bytes);
  const key = keyFor(sha256);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: bytes,
      ContentType: contentType,
      ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      Metadata: { sha256 },
    }),
  );
  // Tags the bucket's lifecycle rules act on (drafts: paraf-kind=draft). A request of its own: s3rver
  // ignores the x-amz-tagging header of PutObject, and both S3 and s3rver take PutObjectTagging.
  if (Object.keys(tags).length) {
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: key,
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  }
  return { key, sha256, size: bytes.length };
}
