import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { getDocumentFile } from '#cases/get-document-file.ts';
import { draftFileName } from '#documents/draft-docx.ts';
import { listClerkWork, type ClerkTask } from '#cases/list-clerk-work.ts';
import { recordHandover } from '#cases/record-handover.ts';
import { isParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { httpStatus } from './errors.ts';
import { signedInOfficial } from '#identity/identity.ts';
import { page, wita } from './page.ts';

/**
 * Tata Usaha: signed documents waiting for their register number, numbered permits ready for
 * handover, every copy and the DOCX draft to download, and the handover recorded (who collected, when).
 */
export function tataUsahaRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';
  app.get('/', workPage(local, rt));
  app.get('/unduh/:caseId/:kind/:copy', download(local, rt));
  app.post('/serah-terima/:linkId', handover(local, rt, workflow));
  return app;
}

/** What waits for Tata Usaha: numbers to give, permits to hand over, each with its downloads. */
function workPage(local: boolean, rt: Runtime) {
  return async (c: Context) => {
    const { waitingNumber, handover } = await listClerkWork(rt);
    const downloads = (row: ClerkTask) =>
      row.states.map(
        (
          state,
        ) => html`<p>${row.sop.documents.find((d) => d.kind === state.kind)?.title ?? state.kind}${state.number ? html` · <strong>${state.number.number}</strong>` : ''}:
          ${state.copies.map((copy) => html`<a href="/tata-usaha/unduh/${row.task.caseId}/${state.kind}/${copy.copy}">rangkap ${copy.copy}</a> `)}
          ${state.draft ? html`<a href="/tata-usaha/unduh/${row.task.caseId}/${state.kind}/draf">draf DOCX tanpa nomor</a>` : ''}</p>`,
      );
    return c.html(
      page(
        'Tata Usaha',
        html`<p><a href="/tata-usaha/register">Buku register</a>: setiap nomor berkas dan nomor registrasi menurut urutan, termasuk nomor yang batal beserta alasannya.</p>
          <h2>Menunggu nomor registrasi (${waitingNumber.length})</h2>
          ${waitingNumber.length ? '' : html`<p>Tidak ada.</p>`}
          ${waitingNumber.map(
            (
              row,
            ) => html`<section class="card"><p><strong>${row.record?.fileNumber}</strong> · ${row.record?.applicant.name} · ${row.sop.title}</p>${downloads(row)}
              <p><a href="/a/${row.task.linkId}">Beri nomor registrasi</a> (menunggu sejak ${wita(row.task.createdAt)})</p></section>`,
          )}
          <h2>Siap diserahkan (${handover.length})</h2>
          ${handover.length ? '' : html`<p>Tidak ada.</p>`}
          ${handover.map(
            (
              row,
            ) => html`<section class="card"><p><strong>${row.record?.fileNumber}</strong> · ${row.record?.applicant.name} · ${row.sop.title}</p>${downloads(row)}
              <form method="post" action="/tata-usaha/serah-terima/${row.task.linkId}">
                <label for="penerima-${row.task.linkId}">Diambil oleh (nama penerima)</label>
                <input type="text" id="penerima-${row.task.linkId}" name="penerima" required minlength="3" maxlength="120">
                <label for="kode-${row.task.linkId}">Kode pada tanda terima yang dibawa pengambil</label>
                <input type="text" id="kode-${row.task.linkId}" name="kode" required maxlength="20" autocomplete="off">
                <label for="catatan-${row.task.linkId}">Catatan (boleh kosong)</label>
                <input type="text" id="catatan-${row.task.linkId}" name="catatan" maxlength="300">
                <button type="submit">Catat penyerahan</button>
              </form></section>`,
          )}`,
        { local },
      ),
    );
  };
}

/** A copy (1, 2, 3) or the DOCX draft ("draf") of a case's document, as a download. */
function download(local: boolean, rt: Runtime) {
  return async (c: Context) => {
    const wanted = c.req.param('copy') ?? '';
    const caseId = c.req.param('caseId') ?? '';
    const docx = wanted === 'draf';
    const file = /^[A-Za-z0-9_-]{8,64}$/.test(caseId)
      ? await getDocumentFile(rt, caseId, c.req.param('kind') ?? '', docx ? { draft: true } : { copy: wanted })
      : undefined;
    if (!file)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Dokumen tidak ditemukan.</p>`, { local }),
        404,
      );
    return c.body(file.bytes, 200, {
      'content-type': docx
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
      'content-disposition': `attachment; filename="${docx ? draftFileName(file.kind) : `${file.kind}-rangkap-${wanted}.pdf`}"`,
    });
  };
}

/** The handover form's POST: who collected the permit, against which receipt code. */
function handover(local: boolean, rt: Runtime, workflow: Workflow) {
  return async (c: Context) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    try {
      await recordHandover(rt, workflow, c.req.param('linkId') ?? '', {
        collector: typeof form.penerima === 'string' ? form.penerima.trim() : '',
        receiptCode: typeof form.kode === 'string' ? form.kode.trim().toUpperCase() : '',
        note: typeof form.catatan === 'string' ? form.catatan.trim().slice(0, 300) : '',
        actor: signedInOfficial(c)?.id,
      });
    } catch (error) {
      if (!isParafError(error)) throw error;
      return c.html(
        page(
          'Penyerahan tidak dapat dicatat',
          html`<p class="error">${error.message}</p><p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`,
          { local },
        ),
        httpStatus(error),
      );
    }
    return c.redirect('/tata-usaha', 303);
  };
}
