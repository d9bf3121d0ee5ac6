import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { ParafError } from '#errors/paraf-error.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { MAX_UPLOADED_FILE_BYTES, UPLOAD_KEY } from './issue-upload-form.ts';

/** A file the browser posted to the uploads bucket, as the loket's form names it. */
export interface UploadReference {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * The files a new case references in the uploads bucket, read back for the intake:
 *  1. each key is one issue-upload-form.ts gave (under uploads/), named once in the list;
 *  2. the object is there (a key a case already took is gone: claimed files are removed after the intake),
 *     with the size and type the form declared;
 *  3. its bytes have the SHA-256 the browser computed of the file it chose.
 * The intake checks their names and first bytes as it checks every attachment; `discardUploads`
 * removes them once the case holds its own copies.
 */
export async function claimUploads(
  rt: Runtime,
  references: readonly UploadReference[],
): Promise<{ name: string; contentType: string; bytes: Uint8Array }[]> {
  const uploads = rt.config.uploads;
  if (!references.length) return [];
  if (!uploads) throw new ParafError('invalid-attachment', 'Unggah langsung tidak tersedia di sini.');
  const keys = new Set<string>();
  const files: { name: string; contentType: string; bytes: Uint8Array }[] = [];
  // One at a time: the web function holds at most one uploaded file more than the case needs.
  for (const reference of references) {
    const refused = (problem: string) =>
      new ParafError('invalid-attachment', `Lampiran "${reference.name.slice(0, 120)}" ${problem}.`, {
        problem: 'unacceptable',
      });
    if (!UPLOAD_KEY.test(reference.key) || keys.has(reference.key)) throw refused('tidak merujuk unggahan yang sah');
    keys.add(reference.key);
    const head = await archiveClient(rt)
      .send(new HeadObjectCommand({ Bucket: uploads.bucket, Key: reference.key }))
      .catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
    if (!head) throw refused('tidak ditemukan di unggahan atau sudah dipakai; pilih berkasnya lagi');
    if (head.ContentLength !== reference.size || (head.ContentLength ?? 0) > MAX_UPLOADED_FILE_BYTES)
      throw refused('tidak sama ukurannya dengan berkas yang diunggah');
    if (head.ContentType !== reference.contentType) throw refused('tidak sama jenisnya dengan berkas yang diunggah');
    const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: uploads.bucket, Key: reference.key }));
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    if (createHash('sha256').update(bytes).digest('hex') !== reference.sha256)
      throw refused('isinya berubah setelah dipilih (SHA-256 tidak sama); unggah lagi');
    files.push({ name: reference.name, contentType: reference.contentType, bytes });
  }
  return files;
}

/** After the intake: the case holds its copies, so the uploads go (and cannot be referenced again). */
export async function discardUploads(rt: Runtime, references: readonly UploadReference[]): Promise<void> {
  const uploads = rt.config.uploads;
  if (!uploads) return;
  for (const reference of references)
    await archiveClient(rt)
      .send(new DeleteObjectCommand({ Bucket: uploads.bucket, Key: reference.key }))
      .catch((error: unknown) =>
        console.error(`uploads: ${reference.key} stays until the bucket's lifecycle removes it`, error),
      );
}

const isMissing = (error: unknown) => {
  const found = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return found.name === 'NotFound' || found.name === 'NoSuchKey' || found.$metadata?.httpStatusCode === 404;
};
