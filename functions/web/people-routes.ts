import { formFieldsProblem } from '#validation/form-fields.ts';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { showTaskList, type StandingFor, type Task } from '#cases/list-tasks.ts';
import { stepAsked } from './approval-page.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { OutboxMail } from '#mail/outbox-mail.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { page, wita } from './page.ts';
import { statusOf } from './errors.ts';
import { complaintSection } from './applicant-notes.ts';
import {
  applicantSummary,
  findApplicantCase,
  LOOKUP_REFUSAL,
  lookupForm,
  lookupRefusal,
  openPageButton,
} from './applicant-routes.ts';
import { signedInOfficial } from '#identity/identity.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';

/** Pages for one person at a time: an official's tasks, the applicant's status check, the local outbox. */
export function peopleRoutes(rt: Runtime, outbox: OutboxMail | undefined) {
  const app = new Hono();
  app.get('/tugas', tasksPage(rt));
  app.get('/cek-status', statusPage(rt));
  // The form posts, so that the receipt code stays out of the address and the browser's history; nothing changes.
  app.post('/cek-status', statusPage(rt));
  if (outbox) app.get('/kotak-keluar', outboxPage(outbox));
  return app;
}

/** The signed-in official's own queue (a staff page: requireStaff in app.ts). */
function tasksPage(rt: Runtime) {
  return async (c: Context) => {
    const signedIn = signedInOfficial(c);
    const official = signedIn;
    const { tasks: rows, standingIn: standing } = official
      ? await showTaskList(rt, official.id)
      : { tasks: [], standingIn: [] };
    return c.html(
      page(
        official ? `Tugas saya: ${official.name}` : 'Tugas saya',
        html`${signedIn ? html`<p>${signedIn.position} · <a href="/ketidakhadiran">Ketidakhadiran dan wakil</a></p>` : ''}
          ${standing.map(standingNotice)}
          ${
            official
              ? rows.length
                ? html`<div class="table-wrap"><table class="stack">
                  <caption>${rows.length} langkah menunggu, yang terlama di atas</caption>
                  <thead><tr><th scope="col">Diminta</th><th scope="col">Batas waktu</th><th scope="col">Berkas</th><th scope="col">Langkah</th><th scope="col"><span class="tersembunyi">Tindakan</span></th></tr></thead>
                  <tbody>${rows.map(taskRow)}</tbody>
                </table></div>`
                : html`<p class="ok">Tidak ada langkah yang menunggu Anda.</p>`
              : ''
          }`,
      ),
    );
  };
}

/** An absence this official stands in for: they learn it here, whether or not a step waits yet. */
const standingNotice = (s: StandingFor) =>
  html`<p class="notice menggantikan">Sampai ${formatTanggal(s.until)} Anda ${
    s.as === 'an'
      ? html`bertindak atas nama <strong>${s.official.name}</strong> (${s.official.position})`
      : html`menjadi ${CAPACITY_TITLE[s.as]} ${s.official.position}, menggantikan <strong>${s.official.name}</strong>`
  }, yang tercatat tidak hadir. Langkah yang dimintakan kepadanya tampil di daftar ini, dan Anda yang memutuskannya.</p>`;

/** One task as its row reads: when asked, due, the file, what is asked, and why it reads otherwise than a fresh ask. */
function taskRow({ task, record, sop, standingInFor, heldBy, sentBack }: Task) {
  const due = record?.current?.step === task.step ? record.current.dueAt : null;
  const standing = standingInFor
    ? html`<br><strong>${CAPACITY_TITLE[standingInFor.as]}</strong>, menggantikan ${standingInFor.official.name} sampai ${formatTanggal(standingInFor.until)}`
    : '';
  const returned = sentBack
    ? html`<br><strong>Dikembalikan</strong> oleh ${sentBack.by} (${sentBack.role}, langkah ${sentBack.fromStep}) pada ${wita(sentBack.at)}`
    : '';
  const held = heldBy
    ? html`<br>Selama Anda tidak hadir sampai ${formatTanggal(heldBy.until)}, dikerjakan oleh <strong>${heldBy.official.name}</strong> (${CAPACITY_TITLE[heldBy.as]})`
    : '';
  return html`<tr><td data-label="Diminta">${wita(task.createdAt)}</td><td data-label="Batas waktu">${wita(due)}</td>
    <td data-label="Berkas">${record?.fileNumber ?? task.caseId}<br>${record?.applicant.name ?? ''}</td>
    <td data-label="Langkah">${sop.id} langkah ${task.step}: ${stepAsked(sop, task)}${standing}${returned}${held}</td>
    <td><a class="button" href="/a/${task.linkId}">Buka</a></td></tr>`;
}

/** The applicant's status check, by file number and receipt code: the applicant page's summary, and the way to it. */
function statusPage(rt: Runtime) {
  return async (c: Context) => {
    const posted = c.req.method === 'POST' ? await c.req.parseBody({ all: true }).catch(() => undefined) : undefined;
    const fieldsProblem = posted && formFieldsProblem(posted, (name) => name === 'berkas' || name === 'kode');
    const read = (name: string) => String((posted ? posted[name] : c.req.query(name)) ?? '').trim();
    const fileNumber = read('berkas');
    const code = read('kode').toUpperCase();
    const refusal =
      c.req.method === 'POST' && !posted ? 'Formulir tidak dapat dibaca; isi lagi, lalu kirim.' : fieldsProblem;
    const asked = !refusal && (fileNumber !== '' || code !== '');
    const lookup = asked ? await findApplicantCase(c, rt, fileNumber, code) : undefined;
    const found = lookup?.view;
    const notFound = lookup && !found ? lookupRefusal(lookup) : undefined;
    return c.html(
      page(
        'Cek status permohonan',
        html`${refusal ? html`<p class="error" role="alert" id="${LOOKUP_REFUSAL}">${refusal} Status belum dicek.</p>` : ''}${notFound ? html`<p class="error" role="alert" id="${LOOKUP_REFUSAL}">${notFound.message}</p>` : ''}
          ${lookupForm('/cek-status', fileNumber, code, html`<button type="submit">Cek status</button>`, Boolean(refusal || notFound))}
          ${
            found
              ? html`${applicantSummary(found)}${signedInOfficial(c) ? operatorNotice(found.record) : ''}
              ${found.stage.kind === 'collected' && found.stage.confirm ? html`<p>Di halaman pemohon: konfirmasi penerimaan surat izin dan isi survei kepuasan.</p>` : ''}
              ${openPageButton(found.record.fileNumber, code, 'Buka halaman pemohon', 'halaman-pemohon')}
              ${complaintSection(found.sop)}`
              : ''
          }`,
      ),
      refusal ? statusOf('bad-request') : notFound?.throttled ? notFound.status : 200,
    );
  };
}

/** For signed-in staff only: the case waits for an operator (a signer's certificate missing), since when and why. */
const operatorNotice = ({
  waitingForOperator: mark,
}: {
  waitingForOperator?: { since: string; reason: string } | null;
}) =>
  mark
    ? html`<p class="notice menunggu-operator" role="status"><strong>Menunggu operator</strong> sejak ${wita(mark.since)}. ${mark.reason}</p>`
    : '';

/** The local outbox, newest first. */
function outboxPage(outbox: OutboxMail) {
  return (c: Context) => {
    const messages = outbox.list().reverse();
    return c.html(
      page(
        'Kotak keluar (mode lokal)',
        html`<p class="notice">E-mail tidak benar-benar dikirim dalam mode lokal. Semua pesan ada di sini, terbaru di atas. Tautannya hanya dapat dipakai pejabat yang dituju, masuk dengan akunnya sendiri (selama masuk demo masih terbuka, siapa pun dapat masuk sebagai pejabat itu).</p>
            ${messages.map(
              (m) => html`<section class="card">
                <p><strong>${m.subject}</strong><br>Kepada: ${m.to} · ${wita(m.sentAt)}</p>
                <pre class="mail-text">${m.text}</pre>
                ${m.links.map((link) => html`<p><a href="${link.url}">${link.label}</a></p>`)}
              </section>`,
            )}`,
      ),
    );
  };
}
