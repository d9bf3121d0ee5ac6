import { type Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import { endAbsence } from '#cases/end-absence.ts';
import { type AbsenceView, listAbsences } from '#cases/list-absences.ts';
import { recordAbsence } from '#cases/record-absence.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { signedInOfficial } from '#identity/identity.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus, isRefusal } from './errors.ts';
import { page, wita } from './page.ts';
import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';

const WHEN = { ongoing: 'Sedang berlangsung', coming: 'Akan datang', over: 'Selesai' } as const;
const FIELDS = new Set(['wakil', 'dari', 'sampai', 'keterangan']);

/**
 * Ketidakhadiran: an official (or the head of office, for any of the staff) records an absence and
 * the deputy who stands in; the list shows who stands in for whom, and ends an absence early.
 */
export function absenceRoutes(rt: Runtime) {
  const app = new Hono();
  app.get('/', async (c) => c.html(await absencePage(rt, c)));
  app.post('/', async (c) => {
    const actor = signedInOfficial(c);
    const body = await c.req.parseBody({ all: true }).catch(() => undefined);
    try {
      const form = readForm(body);
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
      // The form again as it was filled in: nothing typed is lost to a refusal.
      return c.html(await absencePage(rt, c, error.message, typedValues(body)), httpStatus(error));
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
      return c.html(await absencePage(rt, c, error.message), httpStatus(error));
    }
    return c.redirect('/ketidakhadiran?diakhiri=1', 303);
  });
  return app;
}

type AbsenceForm = Record<'wakil' | 'dari' | 'sampai' | 'keterangan', string>;

/** What was typed into the form, to show it again after a refusal (text fields only, each once). */
function typedValues(body: PostedForm | undefined): Partial<AbsenceForm> {
  const typed: Partial<AbsenceForm> = {};
  for (const name of FIELDS) {
    const value = body?.[name];
    if (typeof value === 'string') typed[name as keyof AbsenceForm] = value.slice(0, 200);
  }
  return typed;
}

/** The form's fields, each a short text sent once; an unknown or repeated field is refused by name. */
function readForm(body: PostedForm | undefined): AbsenceForm {
  if (!body) throw new ParafError('invalid', 'Isian formulir tidak dapat dibaca.');
  const problem = formFieldsProblem(body, (name) => FIELDS.has(name));
  if (problem) throw new ParafError('invalid', problem);
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

/** An absence's days as the page shows them: one ended early says when, one ended before it began says so. */
function absenceDays(absence: AbsenceView['absence']) {
  if (absence.to < absence.from) return 'dibatalkan sebelum mulai';
  const days = `${formatTanggal(absence.from)} sampai ${formatTanggal(absence.to)}`;
  return absence.endedAt ? `${days}; diakhiri ${wita(absence.endedAt)}` : days;
}

async function absencePage(rt: Runtime, c: Context, problem?: string, typed: Partial<AbsenceForm> = {}) {
  const viewer = signedInOfficial(c);
  if (!viewer) return page('Ketidakhadiran', html`<p class="error">Silakan masuk lebih dulu.</p>`);
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
          ? html`<div class="table-wrap"><table class="stack">
        <caption>Catatan ketidakhadiran</caption>
        <thead><tr><th scope="col">Pejabat</th><th scope="col">Tanggal</th><th scope="col">Diwakili oleh</th><th scope="col">Keterangan</th><th scope="col">Status</th><th scope="col"></th></tr></thead>
        <tbody>${absences.map(
          (view) => html`<tr><td data-label="Pejabat">${view.official?.name ?? view.absence.officialId}</td>
          <td data-label="Tanggal">${absenceDays(view.absence)}</td>
          <td data-label="Diwakili oleh">${view.deputy?.name ?? view.absence.deputyId} (${CAPACITY_TITLE[view.absence.as]})</td>
          <td data-label="Keterangan">${view.absence.reason}</td><td data-label="Status">${WHEN[view.when]}</td>
          <td>${
            view.when !== 'over' && (viewer.id === view.absence.officialId || viewer.id === rt.staff.head.id)
              ? html`<form method="post" action="/ketidakhadiran/${view.absence.absenceId}/akhiri"><button type="submit">Akhiri</button></form>`
              : ''
          }</td></tr>`,
        )}</tbody></table></div>`
          : html`<p>Belum ada ketidakhadiran yang menyangkut Anda: sebagai pejabat yang tidak hadir atau sebagai wakilnya.</p>`
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
                  html`<option value="${entry.official.id}:${d.official.id}"${typed.wakil === `${entry.official.id}:${d.official.id}` ? raw(' selected') : ''}>${entry.official.name}: diwakili ${d.official.name} (${CAPACITY_TITLE[d.as]})</option>`,
              )}</optgroup>`,
          )}
        </select>
        <label for="dari">Tanggal mulai</label>
        <input type="date" id="dari" name="dari" required value="${typed.dari ?? ''}">
        <label for="sampai">Tanggal selesai</label>
        <input type="date" id="sampai" name="sampai" required value="${typed.sampai ?? ''}">
        <label for="keterangan">Keterangan (misalnya cuti tahunan, dinas luar ke Jakarta)</label>
        <input type="text" id="keterangan" name="keterangan" required minlength="3" maxlength="200" value="${typed.keterangan ?? ''}">
        <button type="submit">Catat ketidakhadiran</button>
      </form>`
          : html`<p>Direktori staf tidak menunjuk wakil bagi Anda; hubungi Kepala Dinas atau pengelola direktori staf.</p>`
      }`,
  );
}
