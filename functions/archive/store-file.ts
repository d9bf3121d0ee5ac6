import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

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
export async function storeFile(s3: S3Client, bucket: string, bytes: Uint8Array, keyFor: (sha256: string) => string, contentType: string): Promise<StoredFile> {
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
  return { key, sha256, size: bytes.length };
}
