import { type Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import { endAbsence } from '#cases/end-absence.ts';
import { type AbsenceView, listAbsences } from '#cases/list-absences.ts';
import { recordAbsence } from '#cases/record-absence.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { type IdentityProvider, signedIn, signedInOfficial } from '#identity/identity.ts';
import { demoCodeFor } from '#identity/local-sign-in.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus, isRefusal } from './errors.ts';
import { page, wita } from './page.ts';
import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { calendarDayRule, isCalendarDay } from '#validation/calendar-day.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { factorFromForm, isCodeRefusal, officialsCode, signingFactorField } from './signing-factor-field.ts';

const WHEN = { ongoing: 'Sedang berlangsung', coming: 'Akan datang', over: 'Selesai' } as const;
const FIELDS = new Set(['wakil', 'dari', 'sampai', 'keterangan', 'kode']);

/**
 * Ketidakhadiran: an official (or the head of office, for any of the staff) records an absence and
 * the deputy who stands in; the list shows who stands in for whom, and ends an absence early. Both
 * move who signs for whom, so both ask the signed-in official's own authenticator code.
 */
export function absenceRoutes(rt: Runtime, identity: IdentityProvider) {
  const app = new Hono();
  const checkFactor = officialsCode(rt, identity);
  app.get('/', async (c) => c.html(await absencePage(rt, c)));
  app.post('/', async (c) => {
    const actor = signedInOfficial(c);
    const body = await c.req.parseBody({ all: true }).catch(() => undefined);
    try {
      const form = readForm(body);
      const [officialId = '', deputyId = ''] = form.wakil.split(':');
      if (!actor) throw new ParafError('unauthenticated', 'Silakan masuk lebih dulu.');
      await recordAbsence(
        rt,
        {
          officialId,
          deputyId,
          from: form.dari,
          to: form.sampai,
          reason: form.keterangan,
          actor: actor.id,
          factorCode: factorFromForm(body).factorCode,
        },
        checkFactor,
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // The form again as it was filled in: nothing typed is lost to a refusal.
      const codeRefused = isCodeRefusal(error) ? error.message : undefined;
      return c.html(await absencePage(rt, c, error.message, typedValues(body), codeRefused), httpStatus(error));
    }
    return c.redirect('/ketidakhadiran?dicatat=1', 303);
  });
  // The end's own page: the absence it ends and the code field (a row of the list has no room for it).
  app.get('/:absenceId/akhiri', async (c) => endPage(rt, c));
  app.post('/:absenceId/akhiri', async (c) => {
    const actor = signedInOfficial(c);
    const body = await c.req.parseBody({ all: true }).catch(() => undefined);
    try {
      if (!actor) throw new ParafError('unauthenticated', 'Silakan masuk lebih dulu.');
      const problem = body ? formFieldsProblem(body, (name) => name === 'kode') : 'Isian formulir tidak dapat dibaca.';
      if (problem) throw new ParafError('invalid', problem);
      const absenceId = c.req.param('absenceId');
      await endAbsence(rt, { absenceId, actor: actor.id, factorCode: factorFromForm(body).factorCode }, checkFactor);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (isCodeRefusal(error)) return endPage(rt, c, error);
      return c.html(await absencePage(rt, c, error.message), httpStatus(error));
    }
    return c.redirect('/ketidakhadiran?diakhiri=1', 303);
  });
  return app;
}

/** The page that ends an absence early: which one, and the ending official's code; a refused code comes back here. */
async function endPage(rt: Runtime, c: Context, refused?: ParafError) {
  const viewer = signedInOfficial(c);
  if (!viewer) return c.html(page('Ketidakhadiran', html`<p class="error">Silakan masuk lebih dulu.</p>`), 401);
  const { absences } = await listAbsences(rt, viewer);
  const view = absences.find(
    (a) =>
      a.absence.absenceId === c.req.param('absenceId') &&
      a.when !== 'over' &&
      (viewer.id === a.absence.officialId || viewer.id === rt.staff.head.id),
  );
  if (!view)
    return c.html(
      page(
        'Ketidakhadiran tidak ditemukan',
        html`<p class="error" role="alert">Catatan ketidakhadiran ini tidak ditemukan, sudah selesai, atau tidak dapat Anda akhiri.</p><p><a href="/ketidakhadiran">Kembali ke Ketidakhadiran dan wakil</a></p>`,
      ),
      404,
    );
  return c.html(
    page(
      'Akhiri ketidakhadiran',
      html`${refused ? html`<p class="error" role="alert">${refused.message}</p>` : ''}
      <dl>
        <dt>Pejabat</dt><dd>${view.official?.name ?? view.absence.officialId}</dd>
        <dt>Tanggal</dt><dd>${absenceDays(view.absence)}</dd>
        <dt>Diwakili oleh</dt><dd>${view.deputy?.name ?? view.absence.deputyId} (${CAPACITY_TITLE[view.absence.as]})</dd>
        <dt>Keterangan</dt><dd>${view.absence.reason}</dd>
      </dl>
      <form method="post" action="/ketidakhadiran/${view.absence.absenceId}/akhiri" class="card">
        <p>Mulai saat ini ${view.official?.name ?? view.absence.officialId} mengerjakan sendiri tugas dan tanda tangan pada jalur kerjanya.</p>
        ${signingFactorField(
          'code',
          'untuk mengakhiri ketidakhadiran',
          { code: await demoCodeFor(rt, signedIn(c)) },
          refused && isCodeRefusal(refused) ? refused.message : undefined,
        )}
        <button type="submit">Akhiri ketidakhadiran</button>
      </form>
      <p><a href="/ketidakhadiran">Kembali ke Ketidakhadiran dan wakil</a></p>`,
    ),
    refused ? httpStatus(refused) : 200,
  );
}

type AbsenceForm = Record<'wakil' | 'dari' | 'sampai' | 'keterangan', string>;
const TYPED = ['wakil', 'dari', 'sampai', 'keterangan'] as const;

/** What was typed into the form, to show it again after a refusal (text fields only, each once). */
function typedValues(body: PostedForm | undefined): Partial<AbsenceForm> {
  const typed: Partial<AbsenceForm> = {};
  // Never the code: it is for one use, and a page must not show it back.
  for (const name of TYPED) {
    const value = body?.[name];
    if (typeof value === 'string') typed[name] = value.slice(0, 200);
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
    // Not Date.parse: it reads 2026-02-30 as 2 March.
    if (!isCalendarDay(value)) throw new ParafError('invalid', `${label} ${calendarDayRule}.`);
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

async function absencePage(
  rt: Runtime,
  c: Context,
  problem?: string,
  typed: Partial<AbsenceForm> = {},
  codeRefused?: string,
) {
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
        <thead><tr><th scope="col">Pejabat</th><th scope="col">Tanggal</th><th scope="col">Diwakili oleh</th><th scope="col">Keterangan</th><th scope="col">Status</th><th scope="col"><span class="tersembunyi">Tindakan</span></th></tr></thead>
        <tbody>${absences.map(
          (view) => html`<tr><td data-label="Pejabat">${view.official?.name ?? view.absence.officialId}</td>
          <td data-label="Tanggal">${absenceDays(view.absence)}</td>
          <td data-label="Diwakili oleh">${view.deputy?.name ?? view.absence.deputyId} (${CAPACITY_TITLE[view.absence.as]})</td>
          <td data-label="Keterangan">${view.absence.reason}</td><td data-label="Status">${WHEN[view.when]}</td>
          <td>${
            view.when !== 'over' && (viewer.id === view.absence.officialId || viewer.id === rt.staff.head.id)
              ? html`<a class="button" href="/ketidakhadiran/${view.absence.absenceId}/akhiri">Akhiri</a>`
              : ''
          }</td></tr>`,
        )}</tbody></table></div>`
          : html`<p>Belum ada ketidakhadiran yang menyangkut Anda: sebagai pejabat yang tidak hadir atau sebagai wakilnya.</p>`
      }
      ${
        mayRecordFor.length
          ? recordForm(mayRecordFor, typed, await demoCodeFor(rt, signedIn(c)), codeRefused)
          : html`<p>Direktori staf tidak menunjuk wakil bagi Anda; hubungi Kepala Dinas atau pengelola direktori staf.</p>`
      }`,
  );
}

/**
 * The form that records an absence. Who is away and who stands in is one choice of a list that
 * wraps, each naming both with their positions: a select's one line cut the names off on a phone.
 */
function recordForm(
  mayRecordFor: Awaited<ReturnType<typeof listAbsences>>['mayRecordFor'],
  typed: Partial<AbsenceForm>,
  demoCode: string | undefined,
  codeRefused: string | undefined,
) {
  const choices = mayRecordFor.flatMap((entry) =>
    entry.deputies.map((d) => ({
      value: `${entry.official.id}:${d.official.id}`,
      official: entry.official,
      deputy: d,
    })),
  );
  return html`<h2>Catat ketidakhadiran</h2>
      <form method="post" action="/ketidakhadiran" class="card">
        <fieldset class="isian" id="wakil"><legend>Pejabat yang tidak hadir dan wakilnya</legend>
          ${choices.map(
            ({ value, official, deputy }, i) =>
              html`<label class="pilihan-wakil"><input type="radio" name="wakil" id="wakil-${i}" value="${value}" required${typed.wakil === value || choices.length === 1 ? raw(' checked') : ''}>
              <span><strong>${official.name}</strong> (${official.position}), diwakili <strong>${deputy.official.name}</strong> (${deputy.official.position}) sebagai ${CAPACITY_TITLE[deputy.as]}</span></label>`,
          )}
        </fieldset>
        <label for="dari">Tanggal mulai</label>
        <input type="date" id="dari" name="dari" required value="${typed.dari ?? ''}">
        <label for="sampai">Tanggal selesai</label>
        <input type="date" id="sampai" name="sampai" required value="${typed.sampai ?? ''}">
        <label for="keterangan">Keterangan (misalnya cuti tahunan, dinas luar ke Jakarta)</label>
        <input type="text" id="keterangan" name="keterangan" required minlength="3" maxlength="200" value="${typed.keterangan ?? ''}">
        ${signingFactorField('code', 'untuk mencatat ketidakhadiran', { code: demoCode }, codeRefused)}
        <button type="submit">Catat ketidakhadiran</button>
      </form>`;
}
