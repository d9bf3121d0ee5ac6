import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repairArchiveFolder } from '#local/archive-store.ts';
import { BUCKET, startStandIns } from '#local/start-local.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';

const work = tempDataDir('paraf-archive-store-');
afterAll(() => removeDir(work));

const client = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: 'ap-southeast-3',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
const folder = (...parts: string[]) => join(work, 's3', BUCKET, 'cases', 'c1', ...parts);

describe('the local archive under kill -9', () => {
  it('writes each object whole, with its metadata, and leaves no partial file', async () => {
    const standIns = await startStandIns(work);
    const s3 = client(standIns.env.AWS_ENDPOINT_URL_S3);
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'cases/c1/good.json',
          Body: '{"ok":true}',
          ContentType: 'application/json',
          Metadata: { sha256: 'abc' },
        }),
      );
      expect(readdirSync(folder()).sort()).toEqual([
        'good.json._S3rver_metadata.json',
        'good.json._S3rver_object',
        'good.json._S3rver_object.md5',
      ]);
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/c1/good.json' }));
      expect(await got.Body!.transformToString()).toBe('{"ok":true}');
      expect(got.Metadata).toEqual({ sha256: 'abc' });
      expect(got.ContentType).toBe('application/json');
    } finally {
      s3.destroy();
      await standIns.close();
    }
  });

  it('repairs what cut-off writes left, so that listing the folder works again, keeping whole objects', async () => {
    // A whole object, as the atomic writer leaves it, in a folder of this test's own.
    rmSync(folder(), { recursive: true, force: true });
    mkdirSync(folder(), { recursive: true });
    writeFileSync(folder('good.json._S3rver_object'), '{"ok":true}');
    writeFileSync(folder('good.json._S3rver_metadata.json'), JSON.stringify({ 'content-type': 'application/json' }));
    // What the in-place writer left after kills: an object without metadata, an empty metadata file, metadata without its object, a partial file.
    writeFileSync(folder('torn.pdf._S3rver_object'), '%PDF-1.7 torn');
    writeFileSync(folder('empty.json._S3rver_object'), '{}');
    writeFileSync(folder('empty.json._S3rver_metadata.json'), '');
    writeFileSync(folder('orphan.pdf._S3rver_metadata.json'), '{}');
    writeFileSync(folder('next.pdf._S3rver_object.1a2b3c.paraf-partial'), '%PDF');
    const removed = repairArchiveFolder(join(work, 's3'))
      .map((path) => path.slice(folder().length + 1))
      .sort();
    expect(removed).toEqual([
      'empty.json._S3rver_metadata.json',
      'empty.json._S3rver_object',
      'next.pdf._S3rver_object.1a2b3c.paraf-partial',
      'orphan.pdf._S3rver_metadata.json',
      'torn.pdf._S3rver_object',
    ]);
    expect(existsSync(folder('good.json._S3rver_object'))).toBe(true);
    const standIns = await startStandIns(work);
    const s3 = client(standIns.env.AWS_ENDPOINT_URL_S3);
    try {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cases/c1/' }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['cases/c1/good.json']);
      expect(repairArchiveFolder(join(work, 's3'))).toEqual([]);
    } finally {
      s3.destroy();
      await standIns.close();
    }
  });

  it('is needed: without the repair, s3rver fails to list a folder with an empty metadata file', async () => {
    mkdirSync(folder(), { recursive: true });
    writeFileSync(folder('empty.json._S3rver_object'), '{}');
    writeFileSync(folder('empty.json._S3rver_metadata.json'), '');
    const S3rver = (await import('s3rver')).default;
    const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(work, 's3') });
    const { port } = await s3rver.run();
    const s3 = client(`http://127.0.0.1:${port}`);
    try {
      await expect(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cases/c1/' }))).rejects.toThrow();
    } finally {
      s3.destroy();
      await s3rver.close();
    }
  });
});
