import { Hono } from 'hono';
import { html } from 'hono/html';
import * as z from 'zod/mini';
import { summarizeServices } from '#cases/summarize-service.ts';
import { witaDateTime } from '#clock/wita.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { IKM_ELEMENTS } from '#survey/ikm.ts';
import { calendarDay, periodOutOfOrder } from '#validation/calendar-day.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { sopParameter } from '#validation/sop-parameter.ts';
import { fail, httpStatus, refuse } from './errors.ts';
import { angka, page, wita } from './page.ts';

const Period = z.strictObject({
  sop: sopParameter,
  from: z.optional(calendarDay),
  to: z.optional(calendarDay),
});

/** The names the Dasbor reads from its address. */
export const PERIOD_NAMES: readonly string[] = Object.keys(Period.shape);

/** The period asked for; by default the current month to date, or the month of `to` up to it. */
function period(
  query: Record<string, string>,
  now = new Date(),
): { refusal: ParafError } | { sop: string | undefined; from: string; to: string } {
  const parsed = Period.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')), {
    error: indonesianErrors,
  });
  if (!parsed.success)
    return {
      refusal: new ParafError(
        'invalid-query',
        `Isian belum benar: ${zodMessage(parsed.error.issues, { sop: 'SOP', from: 'Berkas diterima dari tanggal', to: 'Berkas diterima sampai tanggal' })}`,
      ),
    };
  const to: string = parsed.data.to ?? witaDateTime(now).date;
  const from: string = parsed.data.from ?? `${to.slice(0, 8)}01`;
  const disorder = periodOutOfOrder(from, to, !parsed.data.to);
  if (disorder) return { refusal: new ParafError('invalid-query', `Isian belum benar: ${disorder}`) };
  return { sop: parsed.data.sop, from, to };
}

/** Rows under more than one revision of an SOP name theirs: a step's number and standard are the revision's. */
const manyRevisions = (rows: { revision: string }[]) => new Set(rows.map((row) => row.revision)).size > 1;

/**
 * A step's time standard as a person reads it: the seed's "Hari ke H- H+5, 5 - 10 menit" reads
 * "paling lambat H+5, dikerjakan 5–10 menit" (the step is due at the close of that working day,
 * clock/step-deadline.ts). The summary carries the seed's words; the SOP's reading of them (its day
 * window and minutes) is found by those words at that step among the SOP's revisions. Minutes alone
 * ("1 jam + 2 jam") and words with no day window read as the seed writes them.
 */
export function readableStandard(revisions: readonly Sop[], sopId: string, step: number, asWritten: string): string {
  const time = revisions
    .filter((sop) => sop.id === sopId)
    .map((sop) => sop.steps.find((s) => s.no === step)?.time)
    .find((t) => t?.asWritten === asWritten);
  if (time?.dayTo === undefined) return asWritten;
  const from = time.dayFrom ?? 0;
  const day = (n: number) => (n === 0 ? 'H' : `H+${n}`);
  const days =
    time.dayTo === 0 ? 'hari H' : from === time.dayTo ? `hari ${day(from)}` : `paling lambat ${day(time.dayTo)}`;
  const { minMinutes: min, maxMinutes: max } = time;
  // A word joiner after the dash: "5–10" is not broken across lines in a narrow cell.
  const minutes =
    max === undefined ? '' : `, dikerjakan ${min === undefined || min === max ? max : `${min}–\u2060${max}`} menit`;
  // The seed's own qualification ("(sesuai dengan jenis permohonan)") stays with it.
  const said = /\([^()]*\)\s*$/.exec(asWritten)?.[0];
  return `${days}${minutes}${said ? ` ${said.trim()}` : ''}`;
}

/** A cell starts as a sentence does. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Under a table whose standards count days: what H is, once. */
const DAY_NOTE = 'H: hari kerja berkas diterima; H+1: hari kerja pertama sesudahnya, dan seterusnya.';

/** Dasbor: service time kept or missed, steps against their standards, who holds what now, and the IKM. */
export function dashboardRoutes(rt: Runtime) {
  const app = new Hono();
  const summaries = (sopId: string | undefined, from: string, to: string) => summarizeServices(rt, sopId, from, to);
  const readable = (sopId: string, step: number, standard: string) =>
    readableStandard(rt.revisions, sopId, step, standard);
  const countsDays = (sopId: string, step: number, standard: string) => readable(sopId, step, standard) !== standard;

  app.get('/api/dasbor', async (c) => {
    const asked = period(c.req.query());
    if ('refusal' in asked) return fail(c, asked.refusal);
    if (asked.sop && !rt.catalog.some((sop) => sop.id === asked.sop))
      return refuse(c, 'unknown-sop', `SOP "${asked.sop}" tidak dikenal.`);
    return c.json({ from: asked.from, to: asked.to, sops: await summaries(asked.sop, asked.from, asked.to) });
  });

  app.get('/dasbor', async (c) => {
    const asked = period(c.req.query());
    const list = 'refusal' in asked ? [] : await summaries(asked.sop, asked.from, asked.to);
    // A refused period is shown as it was typed, so it can be mended rather than typed again.
    const shown = (name: 'sop' | 'from' | 'to') =>
      'refusal' in asked ? (c.req.query(name) ?? '') : (asked[name] ?? '');
    return c.html(
      page(
        'Dasbor pelayanan',
        html`<form method="get" class="card">
            <label for="sop">Layanan / SOP</label>
            <select id="sop" name="sop"><option value="">(semua)</option>${rt.catalog.map((sop) => html`<option value="${sop.id}" ${shown('sop') === sop.id ? 'selected' : ''}>${sop.id}: ${sop.title}</option>`)}</select>
            <label for="from">Berkas diterima dari tanggal</label><input type="date" id="from" name="from" value="${shown('from')}">
            <label for="to">sampai tanggal</label><input type="date" id="to" name="to" value="${shown('to')}">
            <button type="submit">Tampilkan</button>
          </form>
          ${'refusal' in asked ? html`<p class="error" role="alert">${asked.refusal.message}</p>` : ''}
          ${list
            .filter((s) => s.received > 0 || s.ikm || s.stopped.length || s.waitingForOperator.length)
            .map(
              (s) => html`<section class="card"><h2>${s.sop}: ${s.title}</h2>
                <p>Diterima ${s.received} berkas · selesai tepat waktu ${s.onTime} · terlambat ${s.late}${s.completed ? ` · selesai (tanpa batas waktu) ${s.completed}` : ''} · ditolak/ditutup ${s.rejected} · belum selesai ${s.open}</p>
                ${
                  s.steps.length
                    ? html`<div class="table-wrap"><table class="stack"><caption>Waktu tunggu per langkah (menit jam layanan, median)</caption>
                      <thead><tr><th scope="col">Langkah</th><th scope="col">Jumlah keputusan</th><th scope="col">Median</th><th scope="col">Standar SOP</th></tr></thead>
                      <tbody>${s.steps.map((step) => html`<tr><td data-label="Langkah">${step.step}. ${step.title}${manyRevisions(s.steps) ? html`<br><small>SOP ${step.revision}</small>` : ''}</td><td data-label="Jumlah keputusan">${step.decisions}</td><td data-label="Median">${step.medianMinutes ?? '-'} menit${step.standardMinutes !== null && step.medianMinutes !== null && step.medianMinutes > step.standardMinutes ? ' (melebihi standar)' : ''}</td><td data-label="Standar SOP">${sentence(readable(s.sop, step.step, step.standard))}</td></tr>`)}</tbody></table></div>`
                    : ''
                }
                ${[...s.steps, ...s.waiting].some((row) => countsDays(s.sop, row.step, row.standard)) ? html`<p class="bantuan">${DAY_NOTE}</p>` : ''}
                ${
                  s.waiting.length
                    ? html`<h3>Menunggu sekarang</h3><ul>${s.waiting.map((w) => html`<li>${w.fileNumber}: langkah ${w.step} (${w.lane}) di ${w.holder}, batas ${wita(w.dueAt)}, standar ${readable(s.sop, w.step, w.standard)}${manyRevisions(s.waiting) ? ` menurut SOP ${w.revision}` : ''}${w.overdue ? html` <strong>terlambat</strong>` : ''}</li>`)}</ul>`
                    : ''
                }
                ${
                  s.waitingForOperator.length
                    ? html`<h3>Menunggu operator</h3><p>Proses berkas ini dijeda dan dicoba lagi otomatis setiap jam selama sekitar delapan hari; lanjut sendiri setelah operator bertindak.</p><ul>${s.waitingForOperator.map((w) => html`<li class="notice menunggu-operator">${w.fileNumber}: menunggu operator sejak ${wita(w.since)}. ${w.reason}</li>`)}</ul>`
                    : ''
                }
                ${
                  s.stopped.length
                    ? html`<h3>Terhenti, perlu tindakan</h3><ul>${s.stopped.map((f) => html`<li class="error">${f.fileNumber}: ${f.problem} (${wita(f.at)})</li>`)}</ul>`
                    : ''
                }
                ${
                  s.ikm
                    ? html`<h3>Indeks Kepuasan Masyarakat</h3><p><strong>${angka(s.ikm.index, 2)} (${s.ikm.grade}, ${s.ikm.label})</strong> dari ${s.ikm.respondents} responden</p>
                      <ul>${s.ikm.perElement.map((e, i) => html`<li>U${i + 1} ${IKM_ELEMENTS[i]?.label}: ${angka(e.average, 2)}</li>`)}</ul>`
                    : ''
                }
              </section>`,
            )}
          ${'refusal' in asked || list.some((s) => s.received > 0) ? '' : html`<p>Belum ada berkas pada periode ini.</p>`}`,
      ),
      'refusal' in asked ? httpStatus(asked.refusal) : 200,
    );
  });
  return app;
}
