import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { allowedRoutes, decide, DecisionRefused } from '#cases/decide.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getLink, type ApprovalLink } from '#records/links.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { page, wita } from './page.ts';
import type { Workflow } from './workflow.ts';

const REFUSED_STATUS = { 'not-found': 404, expired: 410, decided: 409, invalid: 422 } as const;

/**
 * The e-mailed approval links. GET and HEAD only show what is asked (mail scanners open links);
 * a button's POST is the only thing that acts, and only once (design.md, scanner-safe links).
 */
export function approvalRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';

  app.get('/:linkId', async (c) => {
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    if (!link) return c.html(page('Tautan tidak dikenal', html`<p class="error">Tautan ini tidak dikenal. Periksa kembali alamat dari e-mail Anda.</p>`, { local }), 404);
    if (link.status === 'decided') return c.html(decidedPage(link, local), 200);
    if (new Date(link.expiresAt) < new Date()) return c.html(page('Tautan kedaluwarsa', html`<p class="error">Tautan ini sudah kedaluwarsa. Hubungi Tata Usaha untuk tautan baru.</p>`, { local }), 410);
    return c.html(await confirmationPage(rt, link, local));
  });

  // The drafts the official is asked about, viewable in the page; reading them changes nothing.
  app.get('/:linkId/dokumen/:kind', async (c) => {
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    if (!link || new Date(link.expiresAt) < new Date()) return c.json({ error: 'not-found', message: 'Dokumen tidak ditemukan.' }, 404);
    const state = await getDocumentState(rt.dynamo, rt.config.table, link.caseId, c.req.param('kind'));
    const copy = state?.copies.find((item) => item.copy === 1);
    if (!copy) return c.json({ error: 'not-found', message: 'Draf dokumen ini belum dibuat.' }, 404);
    const object = await rt.s3.send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: copy.key }));
    return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${state!.kind}-rangkap-1.pdf"` });
  });

  app.post('/:linkId', async (c) => {
    const form = await c.req.parseBody().catch(() => undefined);
    if (!form) return refuse(c, new DecisionRefused('invalid', 'Isian formulir tidak dapat dibaca.'), local);
    const decision = String(form.decision ?? '');
    if (!['approve', 'return', 'reject'].includes(decision)) return refuse(c, new DecisionRefused('invalid', 'Pilih keputusan: setujui, kembalikan, atau tolak.'), local);
    const note = typeof form.note === 'string' ? form.note : undefined;
    if (note && note.length > 2000) return refuse(c, new DecisionRefused('invalid', 'Catatan paling panjang 2000 karakter.'), local);
    const returnTo = typeof form.returnTo === 'string' ? form.returnTo : undefined;
    const documentData = typeof form.documentData === 'string' && form.documentData.trim() ? readDocumentData(form.documentData) : undefined;
    if (documentData instanceof DecisionRefused) return refuse(c, documentData, local);
    try {
      await decide(
        { dynamo: rt.dynamo, table: rt.config.table, sop: (id) => rt.sop(id), officialName: (id) => rt.staff.byId(id)?.name, sendTaskSuccess: (token, output) => workflow.sendTaskSuccess(token, output) },
        c.req.param('linkId'),
        { decision: decision as 'approve', note, returnTo, ...(documentData ? { documentData } : {}) },
      );
    } catch (error) {
      if (error instanceof DecisionRefused) return refuse(c, error, local);
      throw error;
    }
    const said = decision === 'approve' ? 'disetujui' : decision === 'return' ? 'dikembalikan' : 'ditolak';
    if (c.req.header('accept')?.includes('application/json')) return c.json({ decided: said });
    return c.html(page('Keputusan tercatat', html`<p class="ok">Terima kasih. Langkah ini <strong>${said}</strong>; berkas diteruskan sesuai SOP.</p><p><a href="/tugas">Kembali ke Tugas saya</a></p>`, { local }));
  });

  return app;
}

/** The drafter's data for the documents of a drafting step: JSON by kind, each checked against its schema. */
function readDocumentData(text: string): Record<string, unknown> | DecisionRefused {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new DecisionRefused('invalid', 'Data draf bukan JSON yang sah.');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return new DecisionRefused('invalid', 'Data draf harus berupa objek JSON per jenis dokumen.');
  for (const [kind, value] of Object.entries(data)) {
    const schema = DOCUMENT_KINDS[kind]?.schema;
    if (!schema) return new DecisionRefused('invalid', `Jenis dokumen "${kind}" tidak dikenal.`);
    const check = schema.safeParse(value, { error: indonesianErrors });
    if (!check.success) return new DecisionRefused('invalid', `Data ${kind} tidak valid: ${zodMessage(check.error.issues)}`);
  }
  return data as Record<string, unknown>;
}

function refuse(c: Context, error: DecisionRefused, local: boolean) {
  const status = REFUSED_STATUS[error.code];
  if (c.req.header('accept')?.includes('application/json')) return c.json({ error: error.code, message: error.message }, status);
  const title = error.code === 'decided' ? 'Sudah diputuskan' : 'Keputusan tidak dapat diproses';
  return c.html(page(title, html`<p class="error">${error.message}</p><p><a href="">Kembali ke halaman langkah ini</a></p>`, { local }), status);
}

function decidedPage(link: ApprovalLink, local: boolean) {
  const at = typeof link.decision?.at === 'string' ? wita(link.decision.at) : '';
  return page('Sudah diputuskan', html`<p class="notice">Langkah ${link.step} berkas ini sudah diputuskan${at ? ` pada ${at}` : ''}. Tidak ada yang diubah.</p>`, { local });
}

async function confirmationPage(rt: Runtime, link: ApprovalLink, local: boolean) {
  const sop = rt.sop(link.sop);
  const [record, events] = await Promise.all([getCase(rt.dynamo, rt.config.table, link.caseId), listEvents(rt.dynamo, rt.config.table, link.caseId)]);
  const step = sop.steps.find((s) => s.no === link.step);
  const lane = sop.lanes.find((l) => l.id === link.lane)?.label ?? link.lane;
  const official = rt.staff.byId(link.officialId);
  const routes = allowedRoutes(sop, link);
  const returns = routes.filter((r) => r.route.startsWith('return:'));
  const approve = routes.find((r) => r.route === 'approve')!;
  const drafted = link.purpose === 'step' ? sop.documents.filter((doc) => doc.draftedAt === link.step) : [];
  // The receipt last: the official is asked about the draft, not about the counter's receipt.
  const kinds = [...sop.documents].sort((a, b) => Number(a.kind === 'tanda-terima') - Number(b.kind === 'tanda-terima'));
  const states = (await Promise.all(kinds.map((doc) => getDocumentState(rt.dynamo, rt.config.table, link.caseId, doc.kind)))).filter((state) => state !== undefined);
  const what = link.purpose === 'applicant-correction' ? 'Catat penerimaan berkas perbaikan dari pemohon' : step?.title ?? `Langkah ${link.step}`;
  const currentData = Object.fromEntries(drafted.map((doc) => [doc.kind, record?.form.documents?.[doc.kind] ?? {}]));
  return page(
    `Langkah ${link.step}: ${what}`,
    html`<dl>
        <dt>SOP</dt><dd>${sop.id}: ${sop.title}</dd>
        <dt>Berkas</dt><dd>${record?.fileNumber ?? link.caseId} · ${record?.applicant.name ?? ''}</dd>
        <dt>Diminta kepada</dt><dd>${official?.name ?? link.officialId} (${lane})</dd>
        ${step?.question ? html`<dt>Pertanyaan</dt><dd>${step.question}</dd>` : ''}
        <dt>Batas waktu langkah</dt><dd>${wita(record?.current?.step === link.step ? record.current.dueAt : null)}</dd>
        <dt>Tautan berlaku sampai</dt><dd>${wita(link.expiresAt)}</dd>
      </dl>
      ${states.length
        ? html`<h2>Draf dokumen</h2>
            ${states.map((state) => {
              const title = sop.documents.find((doc) => doc.kind === state.kind)?.title ?? state.kind;
              const url = `/a/${link.linkId}/dokumen/${state.kind}`;
              return html`<p><a href="${url}" target="_blank" rel="noopener">${title} (rangkap 1, PDF)</a></p><iframe src="${url}" title="${title}"></iframe>`;
            })}`
        : html`<p class="notice">Belum ada draf dokumen pada berkas ini.</p>`}
      <h2>Keputusan</h2>
      <form method="post" class="card">
        <input type="hidden" name="decision" value="approve">
        ${drafted.length
          ? html`<label for="documentData">Data draf ${drafted.map((doc) => doc.title).join(', ')} (JSON per jenis dokumen)</label>
              <textarea id="documentData" name="documentData" rows="12">${JSON.stringify(currentData, null, 2)}</textarea>`
          : ''}
        <label for="note-approve">Catatan (boleh kosong)</label>
        <textarea id="note-approve" name="note" rows="2" maxlength="2000"></textarea>
        <button type="submit">${approve.label}</button>
      </form>
      ${returns.length
        ? html`<form method="post" class="card">
            <input type="hidden" name="decision" value="return">
            <label for="returnTo">Kembalikan ke</label>
            <select id="returnTo" name="returnTo" required>
              ${returns.map((r) => html`<option value="${r.route.slice('return:'.length)}">${r.label}</option>`)}
            </select>
            <label for="note-return">Alasan pengembalian (wajib)</label>
            <textarea id="note-return" name="note" rows="3" maxlength="2000" minlength="3" required></textarea>
            <button type="submit" class="secondary">Kembalikan</button>
          </form>`
        : ''}
      ${routes.some((r) => r.route === 'reject')
        ? html`<form method="post" class="card">
            <input type="hidden" name="decision" value="reject">
            <label for="note-reject">Alasan penolakan (wajib)</label>
            <textarea id="note-reject" name="note" rows="3" maxlength="2000" minlength="3" required></textarea>
            <button type="submit" class="danger">${routes.find((r) => r.route === 'reject')!.label}</button>
          </form>`
        : ''}
      <h2>Riwayat berkas</h2>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Waktu</th><th scope="col">Langkah</th><th scope="col">Oleh</th><th scope="col">Tindakan</th><th scope="col">Catatan</th></tr></thead>
        <tbody>${events.map((e) => html`<tr><td>${wita(e.at)}</td><td>${e.step ?? '-'}</td><td>${e.actor?.name ?? '-'}</td><td>${e.action}</td><td>${e.notes}</td></tr>`)}</tbody>
      </table></div>`,
    { local },
  );
}
