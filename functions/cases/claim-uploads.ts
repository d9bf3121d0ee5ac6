import { createHash } from 'node:crypto';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { claimUpload, releaseUpload } from '#records/upload-claims.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { MAX_UPLOADED_FILE_BYTES, UPLOAD_KEY } from './issue-upload-form.ts';
import { logger } from '#runtime/observability.ts';

/** A file the browser (or an API client) posted to the uploads bucket, as the request names it. */
export interface UploadReference {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Runs an intake (a new case, a correction's files) with the files a request references in the
 * uploads bucket, taken for that request alone:
 *  1. each key is one issue-upload-form.ts gave (under uploads/), named once in the list;
 *  2. each upload is claimed by a conditional write before anything reads it, so of two requests
 *     racing with one reference exactly one takes it; the other is refused, having changed nothing;
 *  3. the object is there (a key a case already took is gone), with the size and type declared,
 *     and its bytes have the SHA-256 the sender computed of the file it chose;
 *  4. the intake runs with the files (it checks their names and first bytes as for every attachment);
 *     when anything refuses, the claims are released and the uploads stay, so the form sent again
 *     takes them;
 *  5. once the intake holds its own copies, the uploads and their claims are removed.
 */
export async function withClaimedUploads<T>(
  rt: Runtime,
  references: readonly UploadReference[],
  intake: (files: UploadedFile[]) => Promise<T>,
  now: Date = new Date(),
): Promise<T> {
  if (!references.length) return intake([]);
  const uploads = rt.config.uploads;
  if (!uploads) throw new ParafError('invalid-attachment', 'Unggah langsung tidak tersedia di sini.');
  const keys = new Set<string>();
  for (const reference of references) {
    if (!UPLOAD_KEY.test(reference.key) || keys.has(reference.key))
      throw refused(reference, 'tidak merujuk unggahan yang sah');
    keys.add(reference.key);
  }
  const claimed: string[] = [];
  const release = () => Promise.all(claimed.map((key) => releaseUpload(rt.dynamo, rt.config.table, key)));
  let result: T;
  try {
    for (const reference of references) {
      if (!(await claimUpload(rt.dynamo, rt.config.table, reference.key, now)))
        throw refused(reference, 'sedang atau sudah dipakai oleh permohonan lain; pilih berkasnya lagi');
      claimed.push(reference.key);
    }
    result = await intake(await readUploads(rt, uploads.bucket, references));
  } catch (error) {
    await release();
    throw error;
  }
  await discardUploads(rt, references);
  return result;
}

/** One at a time: the web function holds at most one uploaded file more than the intake needs. */
async function readUploads(
  rt: Runtime,
  bucket: string,
  references: readonly UploadReference[],
): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const reference of references) {
    const head = await archiveClient(rt)
      .send(new HeadObjectCommand({ Bucket: bucket, Key: reference.key }))
      .catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
    if (!head) throw refused(reference, 'tidak ditemukan di unggahan atau sudah dipakai; pilih berkasnya lagi');
    if (head.ContentLength !== reference.size || (head.ContentLength ?? 0) > MAX_UPLOADED_FILE_BYTES)
      throw refused(reference, 'tidak sama ukurannya dengan berkas yang diunggah');
    if (head.ContentType !== reference.contentType)
      throw refused(reference, 'tidak sama jenisnya dengan berkas yang diunggah');
    const bytes = await readArchivedObject(archiveClient(rt), bucket, reference.key);
    if (createHash('sha256').update(bytes).digest('hex') !== reference.sha256)
      throw refused(reference, 'isinya berubah setelah dipilih (SHA-256 tidak sama); unggah lagi');
    files.push({ name: reference.name, contentType: reference.contentType, bytes });
  }
  return files;
}

/**
 * After the intake: the case holds its copies, so the uploads go, then their claims. An upload that
 * could not be removed keeps its claim, so no other request takes it before the bucket forgets it.
 */
async function discardUploads(rt: Runtime, references: readonly UploadReference[]): Promise<void> {
  for (const reference of references)
    await archiveClient(rt)
      .send(new DeleteObjectCommand({ Bucket: rt.config.uploads?.bucket, Key: reference.key }))
      .then(() => releaseUpload(rt.dynamo, rt.config.table, reference.key))
      .catch((error: unknown) =>
        logger.error('uploads: stays claimed until the uploads are swept', {
          key: reference.key,
          error: error as Error,
        }),
      );
}

const refused = (reference: UploadReference, problem: string) =>
  new ParafError('invalid-attachment', `Lampiran "${reference.name.slice(0, 120)}" ${problem}.`, {
    problem: 'unacceptable',
  });

const isMissing = (error: unknown) => {
  const found = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return found.name === 'NotFound' || found.name === 'NoSuchKey' || found.$metadata?.httpStatusCode === 404;
};
