import { findHistorySheets } from '#cases/make-history-sheets.ts';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Runtime } from '#runtime/runtime.ts';
import { type FoundPermits, searchArchive } from '#cases/find-permits.ts';
import { showPermit } from '#cases/show-permit.ts';
import { listAttachments } from '#cases/list-attachments.ts';
import { handoverReceiptOf } from '#cases/show-handover.ts';
import { getDocumentFile } from '#cases/get-document-file.ts';
import { getHistorySheet } from '#cases/get-history-sheet.ts';
import { attachmentSection } from './attachment-routes.ts';
import { httpStatus, isRefusal, statusOf } from './errors.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { standingInWords } from './permit-status.ts';
import { page, tanggalWita, wita } from './page.ts';
import { copyCount, copyWord } from '#documents/copies.ts';
import { copyLabel } from '#documents/render-document.ts';
import { describePermitStatus } from './permit-status.ts';
import { sopIdOf } from '#validation/sop-parameter.ts';

/** Arsip: the archivists' search over issued documents, and a record page with its trail (the hashes folded away). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a route group: the search and the record page share one set-up
export function archiveRoutes(rt: Runtime) {
  const app = new Hono();

  app.get('/', async (c) => {
    const query = c.req.query();
    const asked = Object.values(query).some((value) => value.trim() !== '');
    // "Cari" with every field empty says what to fill, rather than showing nothing.
    const found = asked
      ? await search(rt, query)
      : Object.keys(query).length > 0
        ? {
            refusal: new ParafError(
              'invalid-query',
              'Isi paling sedikit satu isian: nomor berkas, nomor registrasi, nama perusahaan, NIB, NPWP atau tanggal terbit, atau pilih layanan atau status.',
            ),
          }
        : undefined;
    const value = (name: string) => query[name] ?? '';
    const refusal = found && 'refusal' in found ? found.refusal : undefined;
    return c.html(
      page(
        'Arsip',
        html`<form method="get" class="card">
            <label for="berkas">Nomor berkas (pada tanda terima)</label><input type="search" id="berkas" name="berkas" value="${value('berkas')}" placeholder="API-U/2026/00001">
            <label for="regNo">Nomor registrasi (lengkap, seperti tertulis pada dokumen)</label><input type="search" id="regNo" name="regNo" value="${value('regNo')}">
            <label for="nama">Nama perusahaan</label><input type="search" id="nama" name="nama" value="${value('nama')}">
            <label for="nib">NIB</label><input type="search" id="nib" name="nib" inputmode="numeric" value="${value('nib')}">
            <label for="npwp">NPWP</label><input type="search" id="npwp" name="npwp" value="${value('npwp')}">
            <label for="sop">Layanan / SOP</label>
            <select id="sop" name="sop"><option value="">(semua)</option>${rt.catalog.map((sop) => html`<option value="${sop.id}" ${sopIdOf(value('sop')) === sop.id ? 'selected' : ''}>${sop.id}: ${sop.title}</option>`)}</select>
            <label for="from">Terbit dari tanggal</label><input type="date" id="from" name="from" value="${value('from')}">
            <label for="to">sampai tanggal</label><input type="date" id="to" name="to" value="${value('to')}">
            <label for="status">Status</label>
            <select id="status" name="status"><option value="">(semua)</option><option value="aktif" ${value('status') === 'aktif' ? 'selected' : ''}>aktif</option><option value="dicabut" ${value('status') === 'dicabut' ? 'selected' : ''}>dicabut</option></select>
            <button type="submit">Cari</button>
          </form>
          ${refusal ? html`<p class="error" role="alert">${refusal.message}</p>` : ''}
          ${found && 'permits' in found ? results(rt, found, Boolean(query.regNo?.trim())) : ''}`,
      ),
      // The form again with the refusal above it, answered with the refusal's status (web/errors.ts), as the API's.
      refusal ? httpStatus(refusal) : 200,
    );
  });

  app.get('/:docId', async (c) => {
    const found = await showPermit(rt, c.req.param('docId'), { trail: true });
    if (!found)
      return c.html(
        page(
          'Dokumen tidak ditemukan',
          html`<p class="error">Dokumen tidak ditemukan di arsip. Alamatnya mungkin terpotong atau salah ketik.</p>
            <p><a href="/arsip">Cari di arsip</a> dengan nomor registrasi, nomor berkas, nama perusahaan, NIB atau NPWP.</p>`,
        ),
        statusOf('not-found'),
      );
    const { permit, trail: events } = found;
    const [attachments, handoverReceipt, sheets] = await Promise.all([
      listAttachments(rt, permit.caseId),
      handoverReceiptOf(rt, rt.sop(permit.sop), permit.caseId),
      findHistorySheets(rt, permit.caseId, permit.kind),
    ]);
    return c.html(
      page(
        `${permit.title}: ${permit.registrationNumber}`,
        html`<dl>
            <dt>Atas nama</dt><dd>${permit.company}</dd>
            <dt>NIB / NPWP</dt><dd>${permit.nib ?? '-'} / ${permit.npwp ?? '-'}</dd>
            <dt>SOP</dt><dd>${permit.sop}</dd>
            <dt>Terbit</dt><dd>${wita(permit.issuedAt)}</dd>
            <dt>Status</dt><dd>${describePermitStatus(permit).detail}</dd>
          </dl>
          <h2>Dokumen</h2>
          <ul>${permit.copies.map((copy) => html`<li><a href="/api/permits/${permit.documentId}/copies/${copy.copy}">Unduh ${copyName(rt, permit, copy.copy)} (PDF)</a></li>`)}
            <li><a href="/api/permits/${permit.documentId}/draft.docx">Unduh draf tanpa nomor yang dapat diubah (DOCX)</a></li></ul>
          <details class="hashes"><summary>Sidik jari berkas (SHA-256)</summary>
            <p>Untuk arsiparis: sidik jari setiap rangkap, untuk mencocokkan salinan dengan arsip.</p>
            <ul>${permit.copies.map((copy) => html`<li>${copyName(rt, permit, copy.copy)}: <code>${copy.sha256}</code></li>`)}</ul>
          </details>
          ${handoverReceipt ? html`<p><a href="/arsip/${permit.documentId}/bukti-serah-terima">${handoverReceipt.title} (PDF)</a></p>` : ''}
          ${
            sheets.lengkap
              ? html`<p><a href="/arsip/${permit.documentId}/lembar-riwayat">Unduh lembar riwayat dokumen (PDF bersegel, lengkap untuk arsip)</a></p>`
              : html`<p>Lembar riwayat dokumen ini belum tersedia (dokumen terbit sebelum lembar riwayat dibuat, atau segel kantor belum bersertifikat).</p>`
          }
          <p><a href="/verifikasi/${permit.documentId}">Halaman verifikasi publik</a></p>
          ${attachmentSection(permit.caseId, attachments)}
          <h2>Penanda tangan</h2>
          <ul>${permit.signers.map((s) => html`<li>${s.reason}: ${s.name}, ${s.position}${standingInWords(s)}, ${wita(s.at)}</li>`)}</ul>
          <h2>Jejak berkas</h2>
          <div class="table-wrap"><table class="stack">
            <thead><tr><th scope="col">Waktu</th><th scope="col">Langkah</th><th scope="col">Oleh</th><th scope="col">Tindakan</th><th scope="col">Catatan</th></tr></thead>
            <tbody>${events.map((e) => html`<tr><td data-label="Waktu">${wita(e.at)}</td><td data-label="Langkah">${e.step ?? '-'}</td><td data-label="Oleh">${e.actor?.name ?? '-'}</td><td data-label="Tindakan">${e.action}</td><td data-label="Catatan">${e.notes || '-'}</td></tr>`)}</tbody>
          </table></div>
          <details class="hashes"><summary>Sidik jari berkas pada jejak (SHA-256)</summary>
            <ul>${events.flatMap((e) =>
              e.documents.map(
                (d) =>
                  html`<li>${wita(e.at)}, ${e.action}: ${d.kind} ${
                    d.copy === 'draft'
                      ? 'draf'
                      : copyWord(
                          d.copy,
                          copyCount(
                            rt.catalog.find((s) => s.id === permit.sop),
                            d.kind,
                          ),
                        )
                  } <code>${d.sha256}</code></li>`,
              ),
            )}</ul>
          </details>`,
      ),
    );
  });

  // The full history sheet: every step with who acted, the notes, the signatures and the files' hashes.
  app.get('/:docId/lembar-riwayat', async (c) => {
    const sheet = await getHistorySheet(rt, c.req.param('docId'), 'lengkap');
    if (!sheet)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Lembar riwayat tidak ditemukan di arsip.</p>`),
        statusOf('not-found'),
      );
    return c.body(sheet.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${sheet.fileName}"`,
    });
  });

  // The Bukti Serah Terima the handover printed for this permit's case (one copy, signed by the collector on paper).
  app.get('/:docId/bukti-serah-terima', async (c) => {
    const found = await showPermit(rt, c.req.param('docId'));
    const receipt = found && (await handoverReceiptOf(rt, rt.sop(found.permit.sop), found.permit.caseId));
    const file = found && receipt && (await getDocumentFile(rt, found.permit.caseId, receipt.kind, { copy: 1 }));
    if (!file)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Bukti serah terima tidak ditemukan di arsip.</p>`),
        statusOf('not-found'),
      );
    return c.body(file.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${file.kind}.pdf"`,
    });
  });

  return app;
}

/** Rows the page shows when the address names no limit: a screenful to scan, not the API's 100. */
const PAGE_LIMIT = 50;

/** The search's permits, or its refusal for the page to show above the form; any other failure goes on. */
async function search(rt: Runtime, query: Record<string, string>): Promise<FoundPermits | { refusal: ParafError }> {
  try {
    return await searchArchive(rt, query, PAGE_LIMIT);
  } catch (error) {
    if (isRefusal(error)) return { refusal: error };
    throw error;
  }
}

/** What a copy is for ("Rangkap 2: untuk pemohon", or a single sheet's line), by its SOP's family and its document. */
function copyName(rt: Runtime, permit: { sop: string; kind: string }, copy: number): string {
  const sop = rt.catalog.find((s) => s.id === permit.sop);
  const document = sop?.documents.find((doc) => doc.kind === permit.kind);
  return sop && (copy === 1 || copy === 2 || copy === 3) ? copyLabel(copy, sop, document) : `Rangkap ${copy}`;
}

/** The result rows, each with the case's file number; a list cut at the limit says so above it. */
function results(rt: Runtime, { permits, cut }: FoundPermits, byRegisterNumber: boolean) {
  // The register number is an index's key: a part of it, or other letter case, finds nothing, and the searcher is told so.
  if (permits.length === 0)
    return html`<p>Tidak ada dokumen terbit yang cocok.${byRegisterNumber ? ' Nomor registrasi dicari utuh, seperti tertulis pada dokumen: sebagian nomor saja tidak ditemukan.' : ''}</p>`;
  return html`${cut ? html`<p class="notice" role="status">Menampilkan ${permits.length} pertama; persempit pencarian.</p>` : ''}
  <div class="table-wrap"><table class="stack">
    <caption>${cut ? `${permits.length} dokumen pertama` : `${permits.length} dokumen`}, terbaru di atas</caption>
    <thead><tr><th scope="col">Nomor registrasi</th><th scope="col">Nomor berkas</th><th scope="col">Dokumen</th><th scope="col">Atas nama</th><th scope="col">Terbit</th><th scope="col">Status</th><th scope="col">Unduh</th></tr></thead>
    <tbody>${permits.map(
      (
        p,
      ) => html`<tr><td data-label="Nomor registrasi"><a href="/arsip/${p.documentId}">${p.registrationNumber}</a></td><td data-label="Nomor berkas"><span class="berkas">${p.fileNumber ?? '-'}</span></td><td data-label="Dokumen">${p.title}</td><td data-label="Atas nama">${p.company}</td><td data-label="Terbit">${tanggalWita(p.issuedAt)}</td><td data-label="Status">${describePermitStatus(p).detail}</td>
        <td data-label="Unduh">${p.copies.map((copy) => html`<a href="/api/permits/${p.documentId}/copies/${copy.copy}">${copyName(rt, p, copy.copy)}</a><br>`)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}
