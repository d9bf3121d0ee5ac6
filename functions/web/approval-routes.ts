import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { allowedRoutes, decide, DecisionRefused } from '#cases/decide.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase } from '#records/case-records.ts';
import { getLink, type ApprovalLink } from '#records/links.ts';
import { page } from './page.ts';
import type { Workflow } from './workflow.ts';

const REFUSED_STATUS = { 'not-found': 404, expired: 410, decided: 409, invalid: 422 } as const;

/**
 * The e-mailed approval links. GET and HEAD only show what is asked (mail scanners open links);
 * the form's POST is the only thing that acts, and only once (design.md, scanner-safe links).
 */
export function approvalRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();

  app.get('/:linkId', async (c) => {
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    if (!link) return c.html(page('Tautan tidak dikenal', html`<p>Tautan ini tidak dikenal. Periksa kembali alamat dari e-mail Anda.</p>`), 404);
    if (link.status === 'decided') return c.html(decidedPage(link), 200);
    if (new Date(link.expiresAt) < new Date()) return c.html(page('Tautan kedaluwarsa', html`<p>Tautan ini sudah kedaluwarsa. Hubungi Tata Usaha untuk tautan baru.</p>`), 410);
    return c.html(await confirmationPage(rt, link));
  });

  app.post('/:linkId', async (c) => {
    const form = await c.req.parseBody().catch(() => undefined);
    if (!form) return refuse(c, new DecisionRefused('invalid', 'Isian formulir tidak dapat dibaca.'));
    const decision = String(form.decision ?? '');
    if (!['approve', 'return', 'reject'].includes(decision)) return refuse(c, new DecisionRefused('invalid', 'Pilih keputusan: setujui, kembalikan, atau tolak.'));
    const note = typeof form.note === 'string' ? form.note : undefined;
    if (note && note.length > 2000) return refuse(c, new DecisionRefused('invalid', 'Catatan paling panjang 2000 karakter.'));
    const returnTo = typeof form.returnTo === 'string' ? form.returnTo : undefined;
    try {
      await decide(
        { dynamo: rt.dynamo, table: rt.config.table, sop: (id) => rt.sop(id), officialName: (id) => rt.staff.byId(id)?.name, sendTaskSuccess: (token, output) => workflow.sendTaskSuccess(token, output) },
        c.req.param('linkId'),
        { decision: decision as 'approve', note, returnTo },
      );
    } catch (error) {
      if (error instanceof DecisionRefused) return refuse(c, error);
      throw error;
    }
    const said = decision === 'approve' ? 'disetujui' : decision === 'return' ? 'dikembalikan' : 'ditolak';
    if (c.req.header('accept')?.includes('application/json')) return c.json({ decided: said });
    return c.html(page('Keputusan tercatat', html`<p>Terima kasih. Langkah ini <strong>${said}</strong>; berkas diteruskan sesuai SOP.</p>`));
  });

  return app;
}

function refuse(c: Context, error: DecisionRefused) {
  const status = REFUSED_STATUS[error.code];
  if (c.req.header('accept')?.includes('application/json')) return c.json({ error: error.code, message: error.message }, status);
  const title = error.code === 'decided' ? 'Sudah diputuskan' : 'Keputusan tidak dapat diproses';
  return c.html(page(title, html`<p>${error.message}</p>`), status);
}

function decidedPage(link: ApprovalLink) {
  const at = typeof link.decision?.at === 'string' ? link.decision.at.slice(0, 16).replace('T', ' ') : '';
  return page('Sudah diputuskan', html`<p>Langkah ${link.step} berkas ini sudah diputuskan${at ? ` (${at} UTC)` : ''}. Tidak ada yang diubah.</p>`);
}

async function confirmationPage(rt: Runtime, link: ApprovalLink) {
  const sop = rt.sop(link.sop);
  const record = await getCase(rt.dynamo, rt.config.table, link.caseId);
  const step = sop.steps.find((s) => s.no === link.step);
  const lane = sop.lanes.find((l) => l.id === link.lane)?.label ?? link.lane;
  const official = rt.staff.byId(link.officialId);
  const routes = allowedRoutes(sop, link);
  const what = link.purpose === 'applicant-correction' ? 'Catat penerimaan berkas perbaikan dari pemohon' : step?.title ?? `Langkah ${link.step}`;
  return page(
    `Langkah ${link.step}: ${what}`,
    html`<dl>
        <dt>SOP</dt><dd>${sop.id}: ${sop.title}</dd>
        <dt>Berkas</dt><dd>${record?.fileNumber ?? link.caseId} (${record?.applicant.name ?? ''})</dd>
        <dt>Pelaksana</dt><dd>${official?.name ?? link.officialId}, ${lane}</dd>
        <dt>Berlaku sampai</dt><dd>${link.expiresAt.slice(0, 10)}</dd>
      </dl>
      <form method="post">
        <p>Pilihan pada langkah ini:</p>
        <ul>${routes.map((r) => html`<li>${r.label}</li>`)}</ul>
        <p><label>Keputusan (setujui / kembalikan / tolak)
          <select name="decision" required>
            <option value="approve">Setujui</option>
            ${routes.some((r) => r.route.startsWith('return:')) ? html`<option value="return">Kembalikan</option>` : ''}
            ${routes.some((r) => r.route === 'reject') ? html`<option value="reject">Tolak</option>` : ''}
          </select></label></p>
        ${routes.some((r) => r.route.startsWith('return:'))
          ? html`<p><label>Kembalikan ke
          <select name="returnTo">
            <option value="">(tidak dikembalikan)</option>
            ${routes.filter((r) => r.route.startsWith('return:')).map((r) => html`<option value="${r.route.slice(7)}">${r.label}</option>`)}
          </select></label></p>`
          : ''}
        <p><label>Catatan (wajib untuk pengembalian atau penolakan)<br><textarea name="note" rows="4" cols="60" maxlength="2000"></textarea></label></p>
        <p><button type="submit">Kirim keputusan</button></p>
      </form>`,
  );
}
