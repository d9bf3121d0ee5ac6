import { Hono } from 'hono';
import { html } from 'hono/html';
import { getAttachment } from '#cases/get-attachment.ts';
import type { ArchivedAttachment } from '#cases/list-attachments.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { statusOf } from './errors.ts';
import { angka, page } from './page.ts';

/** Types a browser shows by itself: opened in the page or a tab rather than saved. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * /lampiran/:caseId/:sha256: one file the applicant handed in, for signed-in staff only (app.ts's
 * STAFF_PATHS). Shown in the browser where its type allows, saved with ?unduh=1. GET and HEAD read only.
 */
export function attachmentRoutes(rt: Runtime) {
  const app = new Hono();
  app.get('/:caseId/:sha256', async (c) => {
    const file = await getAttachment(rt, c.req.param('caseId'), c.req.param('sha256'));
    if (!file)
      return c.html(
        page('Lampiran tidak ditemukan', html`<p class="error">Lampiran tidak ditemukan pada berkas ini.</p>`),
        statusOf('not-found'),
      );
    const inline = c.req.query('unduh') === undefined && SHOWN_INLINE.has(file.contentType);
    return c.body(file.bytes, 200, {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
      'cache-control': 'private, no-store',
    });
  });
  return app;
}

/**
 * A file name in a header: an ASCII stand-in in `filename` (no quote, backslash or control character
 * can reach it) and the name itself, percent-encoded, in `filename*` (RFC 6266).
 */
export function contentDisposition(how: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._()-]/g, '_').slice(0, 120) || 'lampiran';
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const TYPE_LABEL: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${angka(bytes / 1024 / 1024, 1)} MB`;

/**
 * The case's attachments as a section of a staff page: each file's name, type and size, to view and
 * to download; `previews` shows each one in the page too (where the job is to check them).
 */
export function attachmentSection(
  caseId: string,
  files: ArchivedAttachment[],
  options: { previews?: boolean; heading?: string } = {},
) {
  const url = (file: ArchivedAttachment) => `/lampiran/${caseId}/${file.sha256}`;
  return html`<section id="lampiran" aria-labelledby="lampiran-judul">
    <h2 id="lampiran-judul">${options.heading ?? 'Lampiran berkas'} (${files.length})</h2>
    ${
      files.length === 0
        ? html`<p>Tidak ada lampiran yang diunggah.</p>`
        : html`<ul class="lampiran">${files.map(
            (
              file,
            ) => html`<li><strong>${file.name}</strong> (${TYPE_LABEL[file.contentType] ?? 'berkas'}, ${size(file.size)})<span class="no-print">:
              <a href="${url(file)}" target="_blank" rel="noopener">Lihat</a> · <a href="${url(file)}?unduh=1">Unduh</a></span>
              ${
                options.previews
                  ? file.contentType === 'application/pdf'
                    ? html`<iframe src="${url(file)}" title="Pratinjau ${file.name}"></iframe>`
                    : html`<img class="pratinjau" src="${url(file)}" alt="Pratinjau ${file.name}">`
                  : ''
              }</li>`,
          )}</ul>`
    }
  </section>`;
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * The correction's upload at the front office's "terima berkas perbaikan" link: files to add, and one
 * replacement per file listed. With direct uploads the page's script sends each file to the uploads
 * bucket as it is chosen (web/upload-script.ts) and the form carries its reference; without script
 * the files travel in the form's body.
 */
export function correctionUploadForm(linkId: string, files: ArchivedAttachment[], direct: boolean) {
  const reference = (field: string) => (direct ? html`data-unggahan="unggahan-${field}"` : '');
  return html`<form method="post" action="/a/${linkId}/lampiran" enctype="multipart/form-data" class="card" id="unggah-perbaikan" ${direct ? html`data-unggah="/a/${linkId}/unggahan"` : ''}>
    <h3>Unggah berkas perbaikan dari pemohon</h3>
    <p>PDF, JPEG atau PNG; paling besar ${direct ? '30 MB per berkas, setiap berkas langsung diunggah begitu dipilih' : '10 MB per berkas'}. Setiap berkas yang ditambahkan atau diganti dicatat dalam riwayat berkas beserta sidik jarinya, sehingga isinya dapat dibuktikan kemudian.</p>
    ${direct ? noScriptNote : ''}
    <label for="tambah">Tambah lampiran</label>
    <input type="file" id="tambah" name="tambah" multiple accept="${ACCEPT}" ${reference('tambah')}>
    ${files.map(
      (file, i) => html`<label for="ganti-${i}">Ganti "${file.name}" dengan</label>
      <input type="file" id="ganti-${i}" name="ganti-${file.sha256}" accept="${ACCEPT}" ${reference(`ganti-${file.sha256}`)}>`,
    )}
    ${direct ? html`<ul id="unggahan-daftar" aria-live="polite"></ul><p id="unggahan-status" aria-live="assertive" hidden></p>` : ''}
    <button type="submit" class="secondary">Simpan lampiran</button>
  </form>
  ${direct ? html`<script src="/unggah.js" defer></script>` : ''}`;
}

/** Without script the files travel in the form's body, which the platform bounds: the form says so. */
export const noScriptNote = html`<noscript><p class="error">Browser ini tidak menjalankan skrip (JavaScript), sehingga lampiran dikirim bersama formulir dan lampiran yang besar dapat ditolak. Izinkan skrip untuk Paraf agar berkas hingga 30 MB dapat diunggah.</p></noscript>`;
