import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { endAbsence } from '#cases/end-absence.ts';
import { listAbsences } from '#cases/list-absences.ts';
import { recordAbsence } from '#cases/record-absence.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { signedInOfficial } from '#identity/identity.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus, isRefusal } from './errors.ts';
import { page } from './page.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';

const WHEN = { ongoing: 'Sedang berlangsung', coming: 'Akan datang', over: 'Selesai' } as const;
const FIELDS = new Set(['wakil', 'dari', 'sampai', 'keterangan']);

/**
 * Ketidakhadiran: an official (or the head of office, for any of the staff) records an absence and
 * the deputy who stands in; the list shows who stands in for whom, and ends an absence early.
 */
export function absenceRoutes(rt: Runtime) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';
  app.get('/', async (c) => c.html(await absencePage(rt, c, local)));
  app.post('/', async (c) => {
    const actor = signedInOfficial(c);
    try {
      const form = await readForm(c);
      const [officialId = '', deputyId = ''] = form.wakil.split(':');
      if (!actor) throw new ParafError('unauthenticated', 'Silakan masuk lebih dulu.');
      await recordAbsence(rt, {
        officialId,
        deputyId,
        from: form.dari,
        to: form.sampai,
        reason: form.keterangan,
        actor: actor.id,
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return c.html(await absencePage(rt, c, local, error.message), httpStatus(error));
    }
    return c.redirect('/ketidakhadiran?dicatat=1', 303);
  });
  app.post('/:absenceId/akhiri', async (c) => {
    const actor = signedInOfficial(c);
    try {
      if (!actor) throw new ParafError('unauthenticated', 'Silakan masuk lebih dulu.');
      await endAbsence(rt, c.req.param('absenceId'), actor.id);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return c.html(await absencePage(rt, c, local, error.message), httpStatus(error));
    }
    return c.redirect('/ketidakhadiran?diakhiri=1', 303);
  });
  return app;
}

/** The form's fields, each a short text; an unknown field is refused by name. */
async function readForm(c: Context): Promise<Record<'wakil' | 'dari' | 'sampai' | 'keterangan', string>> {
  const body = await c.req.parseBody().catch(() => undefined);
  if (!body) throw new ParafError('invalid', 'Isian formulir tidak dapat dibaca.');
  const unknown = Object.keys(body).filter((name) => !FIELDS.has(name));
  if (unknown.length) throw new ParafError('invalid', `Isian tidak dikenal: ${unknown.join(', ')}.`);
  const text = (name: string, max: number) => {
    const value = body[name];
    if (typeof value !== 'string' || value.length > max)
      throw new ParafError('invalid', `Isian "${name}" wajib diisi (paling panjang ${max} karakter).`);
    return value.trim();
  };
  const date = (name: string, label: string) => {
    const value = text(name, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new ParafError('invalid', `${label} harus tanggal yang sah.`);
    return value;
  };
  return {
    wakil: text('wakil', 100),
    dari: date('dari', 'Tanggal mulai'),
    sampai: date('sampai', 'Tanggal selesai'),
    keterangan: text('keterangan', 200),
  };
}

async function absencePage(rt: Runtime, c: Context, local: boolean, problem?: string) {
  const viewer = signedInOfficial(c);
  if (!viewer) return page('Ketidakhadiran', html`<p class="error">Silakan masuk lebih dulu.</p>`, { local });
  const { absences, mayRecordFor } = await listAbsences(rt, viewer);
  const done = c.req.query('dicatat')
    ? 'Ketidakhadiran dicatat; wakil sudah diberi tahu melalui e-mail.'
    : c.req.query('diakhiri')
      ? 'Ketidakhadiran diakhiri.'
      : '';
  return page(
    'Ketidakhadiran dan wakil',
    html`<p>Selama seorang pejabat tidak hadir, tugas dan tanda tangan pada jalur kerjanya dikerjakan oleh wakil yang ditunjuk di direktori staf, dengan akun, kode autentikator dan sertifikatnya sendiri. Dokumen yang disusun selama itu mencantumkan wakil sebagai penandatangan (Plh., Plt. atau a.n.).</p>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
      ${done ? html`<p class="ok" role="status">${done}</p>` : ''}
      ${
        absences.length
          ? html`<div class="table-wrap"><table>
        <caption>Catatan ketidakhadiran</caption>
        <thead><tr><th scope="col">Pejabat</th><th scope="col">Tanggal</th><th scope="col">Diwakili oleh</th><th scope="col">Keterangan</th><th scope="col">Status</th><th scope="col"></th></tr></thead>
        <tbody>${absences.map(
          (view) => html`<tr><td>${view.official?.name ?? view.absence.officialId}</td>
          <td>${view.absence.to < view.absence.from ? 'dibatalkan sebelum mulai' : html`${formatTanggal(view.absence.from)} sampai ${formatTanggal(view.absence.to)}`}</td>
          <td>${view.deputy?.name ?? view.absence.deputyId} (${CAPACITY_TITLE[view.absence.as]})</td>
          <td>${view.absence.reason}</td><td>${WHEN[view.when]}</td>
          <td>${
            view.when !== 'over' && (viewer.id === view.absence.officialId || viewer.id === rt.staff.head.id)
              ? html`<form method="post" action="/ketidakhadiran/${view.absence.absenceId}/akhiri"><button type="submit">Akhiri</button></form>`
              : ''
          }</td></tr>`,
        )}</tbody></table></div>`
          : html`<p>Belum ada ketidakhadiran yang dicatat.</p>`
      }
      ${
        mayRecordFor.length
          ? html`<h2>Catat ketidakhadiran</h2>
      <form method="post" action="/ketidakhadiran" class="card">
        <label for="wakil">Pejabat yang tidak hadir dan wakilnya</label>
        <select id="wakil" name="wakil" required>
          ${mayRecordFor.map(
            (entry) =>
              html`<optgroup label="${entry.official.name}">${entry.deputies.map(
                (d) =>
                  html`<option value="${entry.official.id}:${d.official.id}">${entry.official.name}: diwakili ${d.official.name} (${CAPACITY_TITLE[d.as]})</option>`,
              )}</optgroup>`,
          )}
        </select>
        <label for="dari">Tanggal mulai</label>
        <input type="date" id="dari" name="dari" required>
        <label for="sampai">Tanggal selesai</label>
        <input type="date" id="sampai" name="sampai" required>
        <label for="keterangan">Keterangan (misalnya cuti tahunan, dinas luar ke Jakarta)</label>
        <input type="text" id="keterangan" name="keterangan" required minlength="3" maxlength="200">
        <button type="submit">Catat ketidakhadiran</button>
      </form>`
          : html`<p>Direktori staf tidak menunjuk wakil bagi Anda; hubungi Kepala Dinas atau pengelola direktori staf.</p>`
      }`,
    { local },
  );
}
