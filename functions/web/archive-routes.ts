import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Runtime } from '#runtime/runtime.ts';
import { findPermits, type PermitRecord } from '#cases/find-permits.ts';
import { showPermit } from '#cases/show-permit.ts';
import { listAttachments } from '#cases/list-attachments.ts';
import { handoverReceiptOf } from '#cases/show-handover.ts';
import { getDocumentFile } from '#cases/get-document-file.ts';
import { attachmentSection } from './attachment-routes.ts';
import { isParafError } from '#errors/paraf-error.ts';
import { page, wita } from './page.ts';
import { describePermitStatus } from './permit-status.ts';

/** Arsip: the archivists' search over issued documents, and a record page with its trail and hashes. */
export function archiveRoutes(rt: Runtime) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';

  app.get('/', async (c) => {
    const query = c.req.query();
    const asked = Object.values(query).some((value) => value.trim() !== '');
    const found = asked ? await search(rt, query) : undefined;
    const value = (name: string) => query[name] ?? '';
    return c.html(
      page(
        'Arsip',
        html`<form method="get" class="card">
            <label for="regNo">Nomor registrasi</label><input type="search" id="regNo" name="regNo" value="${value('regNo')}">
            <label for="nama">Nama perusahaan</label><input type="search" id="nama" name="nama" value="${value('nama')}">
            <label for="nib">NIB</label><input type="search" id="nib" name="nib" inputmode="numeric" value="${value('nib')}">
            <label for="npwp">NPWP</label><input type="search" id="npwp" name="npwp" value="${value('npwp')}">
            <label for="sop">Layanan / SOP</label>
            <select id="sop" name="sop"><option value="">(semua)</option>${rt.catalog.map((sop) => html`<option value="${sop.id}" ${value('sop') === sop.id ? 'selected' : ''}>${sop.id}: ${sop.title}</option>`)}</select>
            <label for="from">Terbit dari tanggal</label><input type="date" id="from" name="from" value="${value('from')}">
            <label for="to">sampai tanggal</label><input type="date" id="to" name="to" value="${value('to')}">
            <label for="status">Status</label>
            <select id="status" name="status"><option value="">(semua)</option><option value="aktif" ${value('status') === 'aktif' ? 'selected' : ''}>aktif</option><option value="dicabut" ${value('status') === 'dicabut' ? 'selected' : ''}>dicabut</option></select>
            <button type="submit">Cari</button>
          </form>
          ${found && 'message' in found ? html`<p class="error" role="alert">${found.message}</p>` : ''}
          ${found && 'permits' in found ? results(found.permits) : ''}`,
        { local },
      ),
    );
  });

  app.get('/:docId', async (c) => {
    const found = await showPermit(rt, c.req.param('docId'), { trail: true });
    if (!found)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Dokumen tidak ditemukan di arsip.</p>`, { local }),
        404,
      );
    const { permit, trail: events } = found;
    const [attachments, handoverReceipt] = await Promise.all([
      listAttachments(rt, permit.caseId),
      handoverReceiptOf(rt, rt.sop(permit.sop), permit.caseId),
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
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Rangkap</th><th scope="col">SHA-256</th><th scope="col"></th></tr></thead>
            <tbody>${permit.copies.map((copy) => html`<tr><td>${copy.copy}</td><td><code>${copy.sha256}</code></td><td><a href="/api/permits/${permit.documentId}/copies/${copy.copy}">Unduh PDF</a></td></tr>`)}
              <tr><td>Draf</td><td></td><td><a href="/api/permits/${permit.documentId}/draft.docx">Unduh DOCX</a></td></tr></tbody>
          </table></div>
          ${handoverReceipt ? html`<p><a href="/arsip/${permit.documentId}/bukti-serah-terima">${handoverReceipt.title} (PDF)</a></p>` : ''}
          <p><a href="/verifikasi/${permit.documentId}">Halaman verifikasi publik</a></p>
          ${attachmentSection(permit.caseId, attachments)}
          <h2>Penanda tangan</h2>
          <ul>${permit.signers.map((s) => html`<li>${s.reason}: ${s.name}, ${s.position}, ${wita(s.at)}</li>`)}</ul>
          <h2>Jejak berkas</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Waktu</th><th scope="col">Langkah</th><th scope="col">Oleh</th><th scope="col">Tindakan</th><th scope="col">Catatan</th><th scope="col">Berkas (SHA-256)</th></tr></thead>
            <tbody>${events.map((e) => html`<tr><td>${wita(e.at)}</td><td>${e.step ?? '-'}</td><td>${e.actor?.name ?? '-'}</td><td>${e.action}</td><td>${e.notes}</td><td>${e.documents.map((d) => html`<code>${d.kind} ${d.copy}: ${d.sha256.slice(0, 12)}…</code><br>`)}</td></tr>`)}</tbody>
          </table></div>`,
        { local },
      ),
    );
  });

  // The Bukti Serah Terima the handover printed for this permit's case (one copy, signed by the collector on paper).
  app.get('/:docId/bukti-serah-terima', async (c) => {
    const found = await showPermit(rt, c.req.param('docId'));
    const receipt = found && (await handoverReceiptOf(rt, rt.sop(found.permit.sop), found.permit.caseId));
    const file = found && receipt && (await getDocumentFile(rt, found.permit.caseId, receipt.kind, { copy: 1 }));
    if (!file)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Bukti serah terima tidak ditemukan di arsip.</p>`, {
          local,
        }),
        404,
      );
    return c.body(file.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${file.kind}.pdf"`,
    });
  });

  return app;
}

/** The search's permits, or why the query was refused, for the page to show. */
async function search(
  rt: Runtime,
  query: Record<string, string>,
): Promise<{ permits: PermitRecord[] } | { message: string }> {
  try {
    return { permits: await findPermits(rt, query) };
  } catch (error) {
    if (isParafError(error)) return { message: error.message };
    throw error;
  }
}

function results(permits: PermitRecord[]) {
  if (permits.length === 0) return html`<p>Tidak ada dokumen yang cocok.</p>`;
  return html`<div class="table-wrap"><table>
    <caption>${permits.length} dokumen, terbaru di atas</caption>
    <thead><tr><th scope="col">Nomor registrasi</th><th scope="col">Dokumen</th><th scope="col">Atas nama</th><th scope="col">Terbit</th><th scope="col">Status</th><th scope="col">Unduh</th></tr></thead>
    <tbody>${permits.map(
      (
        p,
      ) => html`<tr><td><a href="/arsip/${p.documentId}">${p.registrationNumber}</a></td><td>${p.title}</td><td>${p.company}</td><td>${p.issuedAt.slice(0, 10)}</td><td>${describePermitStatus(p).detail}</td>
        <td>${p.copies.map((copy) => html`<a href="/api/permits/${p.documentId}/copies/${copy.copy}">R${copy.copy}</a> `)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}
