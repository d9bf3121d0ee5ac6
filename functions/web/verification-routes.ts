import { formFieldsProblem } from '#validation/form-fields.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { Runtime } from '#runtime/runtime.ts';
import { getHistorySheet } from '#cases/get-history-sheet.ts';
import { verifyDocument } from '#cases/verify-document.ts';
import { findDocumentByNumber } from '#cases/find-document-by-number.ts';
import { uploadLimitMessage, verifyUpload } from '#cases/verify-upload.ts';
import { httpStatus, refuse, statusOf, isRefusal } from './errors.ts';
import { uploadAnswer, uploadForm } from './verify-upload-page.ts';
import { documentPage, notFoundPage } from './verification-page.ts';
import { page } from './page.ts';

const lookupAsTyped = (typed: { number: string | undefined; holder: string | undefined }, refusal: string) => ({
  number: (typed.number ?? '').slice(0, 120),
  holder: (typed.holder ?? '').slice(0, 200),
  refusal,
});

/** The public page behind the QR code: is this document real, still in force, and who signed it. */
export function verificationRoutes(rt: Runtime) {
  const app = new Hono();
  const maxBytes = rt.config.verifyUploadMaxBytes;
  app.get('/', (c) => c.html(uploadForm(maxBytes)));
  // A file over the limit is refused from its Content-Length, or as soon as its stream passes it: nothing more is read.
  const limit = bodyLimit({
    maxSize: maxBytes + 64 * 1024,
    onError: (c) => c.html(uploadForm(maxBytes, uploadLimitMessage(maxBytes)), statusOf('too-large')),
  });
  app.post('/', limit, async (c) => {
    const form = await c.req.parseBody({ all: true }).catch(() => undefined);
    const file = form?.berkas;
    const fieldsProblem = form && formFieldsProblem(form, (name) => name === 'berkas');
    const refusal = !form
      ? 'Formulir tidak dapat dibaca. Pilih berkas PDF, lalu kirim lagi.'
      : fieldsProblem
        ? fieldsProblem
        : !(file instanceof File) || file.size === 0
          ? 'Pilih berkas PDF yang akan diperiksa.'
          : undefined;
    if (refusal || !(file instanceof File)) return c.html(uploadForm(maxBytes, refusal), statusOf('bad-request'));
    try {
      return c.html(uploadAnswer(await verifyUpload(rt, new Uint8Array(await file.arrayBuffer()))));
    } catch (error) {
      if (isRefusal(error)) return c.html(uploadForm(maxBytes, error.message), httpStatus(error));
      throw error;
    }
  });
  // Found by both, the document's own page; otherwise the form again as typed, a wrong name and an unknown number alike.
  app.get('/nomor', async (c) => {
    const typed = { number: c.req.query('nomor'), holder: c.req.query('nama') };
    try {
      const documentId = await findDocumentByNumber(rt, typed);
      if (documentId) return c.redirect(`/verifikasi/${documentId}`, 303);
      const refusal =
        'Tidak ada dokumen terbitan DPMPTSP Provinsi Kalimantan Timur dengan nomor registrasi dan nama pemegang itu. Periksa ketikan Anda dengan yang tercetak pada dokumen; bila sudah sama, jangan berpegang pada dokumen itu dan tanyakan langsung ke kantor.';
      return c.html(uploadForm(maxBytes, undefined, lookupAsTyped(typed, refusal)), statusOf('not-found'));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return c.html(uploadForm(maxBytes, undefined, lookupAsTyped(typed, error.message)), httpStatus(error));
    }
  });
  app.get('/:docId', async (c) => {
    const result = await verifyDocument(rt, c.req.param('docId'));
    const wantsJson = c.req.header('accept')?.includes('application/json');
    if (!result.found) {
      if (wantsJson)
        return refuse(
          c,
          'not-found',
          'Dokumen tidak dikenal: tidak diterbitkan oleh DPMPTSP Provinsi Kalimantan Timur melalui Paraf.',
        );
      return c.html(notFoundPage(), statusOf('not-found'));
    }
    if (wantsJson) return c.json(result);
    return c.html(documentPage(result, c.req.param('docId')));
  });
  // The public part of the history sheet: no one named but the signer the permit prints.
  app.get('/:docId/lembar-riwayat', async (c) => {
    const sheet = await getHistorySheet(rt, c.req.param('docId'), 'publik');
    if (!sheet)
      return c.html(
        page('Lembar riwayat tidak ditemukan', html`<p class="error">Lembar riwayat dokumen ini tidak ditemukan.</p>`),
        statusOf('not-found'),
      );
    return c.body(sheet.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${sheet.fileName}"`,
    });
  });
  return app;
}
