import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { decide, DecisionRefused } from '#cases/decide.ts';
import { decisionContext } from '#cases/settle-decision.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getLink, listTasks, type ApprovalLink } from '#records/links.ts';
import { page, wita } from './page.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { archiveClient } from '#handlers/archive-client.ts';

/**
 * Tata Usaha: signed documents waiting for their register number, numbered permits ready for
 * handover, every copy and the DOCX draft to download, and the handover recorded (who collected, when).
 */
export function tataUsahaRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';
  const clerks = () => [
    ...new Map(
      rt.catalog
        .flatMap((sop) =>
          sop.steps
            .filter((s) => s.kind === 'registration-number' || s.kind === 'handover')
            .flatMap((s) => rt.staff.forLane(s.lane)),
        )
        .map((o) => [o.id, o]),
    ).values(),
  ];

  app.get('/', async (c) => {
    const tasks = (await Promise.all(clerks().map((o) => listTasks(rt.dynamo, rt.config.table, o.id)))).flat();
    const kindOf = (task: ApprovalLink) => rt.sop(task.sop).steps.find((s) => s.no === task.step)?.kind;
    const rows = async (list: ApprovalLink[]) =>
      Promise.all(
        list.map(async (task) => {
          const sop = rt.sop(task.sop);
          const record = await getCase(rt.dynamo, rt.config.table, task.caseId);
          const states = (
            await Promise.all(
              sop.documents.map((doc) => getDocumentState(rt.dynamo, rt.config.table, task.caseId, doc.kind)),
            )
          ).filter((s) => s !== undefined);
          return { task, sop, record, states };
        }),
      );
    const waitingNumber = await rows(tasks.filter((t) => kindOf(t) === 'registration-number'));
    const handover = await rows(tasks.filter((t) => kindOf(t) === 'handover'));
    const downloads = (row: Awaited<ReturnType<typeof rows>>[number]) =>
      row.states.map(
        (
          state,
        ) => html`<p>${row.sop.documents.find((d) => d.kind === state.kind)?.title ?? state.kind}${state.number ? html` · <strong>${state.number.number}</strong>` : ''}:
          ${state.copies.map((copy) => html`<a href="/tata-usaha/unduh/${row.task.caseId}/${state.kind}/${copy.copy}">rangkap ${copy.copy}</a> `)}
          ${state.draft ? html`<a href="/tata-usaha/unduh/${row.task.caseId}/${state.kind}/draf">draf DOCX</a>` : ''}</p>`,
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
  });

  app.get('/unduh/:caseId/:kind/:copy', async (c) => {
    const state = /^[A-Za-z0-9_-]{8,64}$/.test(c.req.param('caseId'))
      ? await getDocumentState(rt.dynamo, rt.config.table, c.req.param('caseId'), c.req.param('kind'))
      : undefined;
    const wanted = c.req.param('copy');
    const file = wanted === 'draf' ? state?.draft : state?.copies.find((copy) => String(copy.copy) === wanted);
    if (!state || !file)
      return c.html(
        page('Dokumen tidak ditemukan', html`<p class="error">Dokumen tidak ditemukan.</p>`, { local }),
        404,
      );
    const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: file.key }));
    const docx = wanted === 'draf';
    return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, {
      'content-type': docx
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
      'content-disposition': `attachment; filename="${state.kind}-${docx ? 'draf.docx' : `rangkap-${wanted}.pdf`}"`,
    });
  });

  app.post('/serah-terima/:linkId', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const collector = typeof form.penerima === 'string' ? form.penerima.trim() : '';
    const note = typeof form.catatan === 'string' ? form.catatan.trim().slice(0, 300) : '';
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    const refuse = (status: 404 | 409 | 410 | 422, message: string) =>
      c.html(
        page(
          'Penyerahan tidak dapat dicatat',
          html`<p class="error">${message}</p><p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`,
          { local },
        ),
        status,
      );
    if (!link || rt.sop(link.sop).steps.find((s) => s.no === link.step)?.kind !== 'handover')
      return refuse(404, 'Penyerahan ini tidak dikenal.');
    if (collector.length < 3) return refuse(422, 'Nama penerima wajib diisi (paling sedikit 3 huruf).');
    // The permit is handed over against the applicant's receipt, as the SOP says: its code must match.
    const record = await getCase(rt.dynamo, rt.config.table, link.caseId);
    const code = typeof form.kode === 'string' ? form.kode.trim().toUpperCase() : '';
    if (!record || code !== record.receiptCode)
      return refuse(
        422,
        'Kode tanda terima tidak cocok dengan berkas ini. Periksa tanda terima yang dibawa pengambil.',
      );
    try {
      await decide(decisionContext(rt, workflow), link.linkId, {
        decision: 'approve',
        note: `Diserahkan kepada ${collector} dengan tanda terima ${code}${note ? `; ${note}` : ''}`,
        // The handover receipt names who collected it; the rest of it is built from the case and the catalog.
        documentData: { 'tanda-terima-penyerahan': { penerima: collector } },
      });
    } catch (error) {
      if (error instanceof DecisionRefused)
        return refuse(error.code === 'decided' ? 409 : error.code === 'expired' ? 410 : 422, error.message);
      throw error;
    }
    return c.redirect('/tata-usaha', 303);
  });

  return app;
}
