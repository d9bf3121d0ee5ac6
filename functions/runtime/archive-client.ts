import { S3Client } from '@aws-sdk/client-s3';
import { sdkClientSettings } from '#config/read-config.ts';
import type { Runtime } from './runtime.ts';

const clients = new WeakMap<Runtime, S3Client>();

/**
 * The archive's S3 client, built once per runtime. Kept out of runtime.ts so that the functions
 * that never touch the archive leave the S3 client out of their bundles.
 */
export function archiveClient(rt: Runtime): S3Client {
  let client = clients.get(rt);
  if (!client) {
    // Checksums only when S3 requires them: s3rver stores streamed bodies with their chunk framing, otherwise.
    client = new S3Client({
      ...sdkClientSettings(rt.config.aws, 's3'),
      forcePathStyle: rt.config.aws.s3PathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(rt, client);
  }
  return client;
}
