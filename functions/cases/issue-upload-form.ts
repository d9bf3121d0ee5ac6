import { randomBytes } from 'node:crypto';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ParafError } from '#errors/paraf-error.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';

/** Every browser upload lands here, in the uploads bucket; the bucket forgets what no case took (a day). */
export const UPLOAD_PREFIX = 'uploads/';
/** uploads/<day>/<32 random hex digits>: the only keys a case may reference. */
export const UPLOAD_KEY = /^uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{32}$/;
/**
 * One file sent straight to the bucket: it never passes through the web function, so the platform's
 * 6 MB request limit does not bound it; the web function reads it back once, so 30 MB keeps twenty of
 * them within its memory one at a time.
 */
export const MAX_UPLOADED_FILE_BYTES = 30 * 1024 * 1024;
/** Long enough for a slow line to carry 30 MB, short enough that a form copied elsewhere soon stops working. */
const FORM_SECONDS = 15 * 60;

export interface UploadForm {
  /** Where the browser posts the form (the bucket's address, or locally the runtime's endpoint). */
  url: string;
  /** The fields to post before the file, exactly as given. */
  fields: Record<string, string>;
  key: string;
}

/**
 * The form with which a browser posts one attachment straight to the uploads bucket, for a case still
 * being filled in at the loket:
 *  1. uploads are configured (else the form's own body carries the files);
 *  2. a fresh key under uploads/, by day, with 128 random bits;
 *  3. a presigned POST whose policy holds the key, the declared type and the declared size exactly,
 *     for fifteen minutes. The file's name and first bytes are checked when the case references it
 *     (claim-uploads.ts), with the loket's own messages.
 * The caller has checked the declared name, type and size (web/read-case-request.ts).
 */
export async function issueUploadForm(
  rt: Runtime,
  file: { contentType: string; size: number },
  now = new Date(),
): Promise<UploadForm> {
  const uploads = rt.config.uploads;
  if (!uploads)
    throw new ParafError('not-found', 'Unggah langsung tidak tersedia di sini; lampiran dikirim bersama formulir.');
  const key = `${UPLOAD_PREFIX}${now.toISOString().slice(0, 10)}/${randomBytes(16).toString('hex')}`;
  const post = await createPresignedPost(archiveClient(rt), {
    Bucket: uploads.bucket,
    Key: key,
    Fields: { 'Content-Type': file.contentType },
    Conditions: [
      ['eq', '$Content-Type', file.contentType],
      ['content-length-range', file.size, file.size],
    ],
    Expires: FORM_SECONDS,
  });
  return { url: uploads.endpoint, fields: post.fields, key };
}

/** The origin the pages' script may post uploads to (the Content-Security-Policy's connect-src). */
export const uploadOrigin = (rt: Runtime): string | undefined =>
  rt.config.uploads ? new URL(rt.config.uploads.endpoint).origin : undefined;
