import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { confirmReceipt, NOT_FOUND_FOR_APPLICANT } from '#cases/confirm-receipt.ts';
import {
  type ApplicantLookup,
  FILE_NUMBER_MAX,
  openApplicantCase,
  RECEIPT_CODE_MAX,
} from '#cases/open-applicant-case.ts';
import type { ApplicantView } from '#cases/show-applicant-case.ts';
import { addressBlock, clientAddress } from '#identity/client-address.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { formatTanggal } from '#documents/format-dates.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { IKM_ELEMENTS, IKM_SCALE } from '#survey/ikm.ts';
import { readSurveyForm, SARAN_MAX, type SurveyForm } from '#survey/survey-form.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { complaintSection, rightsSection } from './applicant-notes.ts';
import { httpStatus, statusOf, isRefusal } from './errors.ts';
import { page, wita } from './page.ts';

/** The fields the applicant's confirmation form sends; any other is refused by name. */
const FIELDS = new Set(['berkas', 'kode', 'aksi', 'saran', ...IKM_ELEMENTS.map((element) => element.id)]);
/** The action of a form that only opens the page (changes nothing), and the fields it sends. */
const OPEN = 'buka';
const OPEN_FIELDS = new Set(['berkas', 'kode', 'aksi']);

/**
 * /pemohon: the applicant's own page, opened with the file number and the receipt code: by the
 * e-mail's link (GET), or by a form that posts them (its own, Cek status's), which keeps the code out
 * of the address on a shared computer. It says where the file is in the applicant's words, and at
 * their step after the handover takes their confirmation and the satisfaction survey (POST). No staff
 * menu, history, note (but a return's reason) or office copy; GET, HEAD and the posted opening change nothing.
 */
export function applicantRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  app.get('/', async (c) => {
    const fileNumber = (c.req.query('berkas') ?? '').trim();
    const code = (c.req.query('kode') ?? '').trim().toUpperCase();
    // Without a code (the front office's link to the page names the file only), the form to type it, not "not found".
    if (!code) return c.html(applicantPage('Halaman pemohon', openForm(fileNumber.slice(0, FILE_NUMBER_MAX), '')));
    return openedPage(c, rt, fileNumber, code);
  });

  app.post('/', async (c) => {
    const form = await c.req.parseBody({ all: true }).catch(() => ({}) as PostedForm);
    const fileNumber = String(form.berkas ?? '').trim();
    const code = String(form.kode ?? '')
      .trim()
      .toUpperCase();
    const action = String(form.aksi ?? '');
    const fieldsProblem = formFieldsProblem(form, (name) =>
      action === OPEN ? OPEN_FIELDS.has(name) : FIELDS.has(name),
    );
    // Opened from a form (Cek status, the page's own), so that the receipt code stays out of the address and the browser's history.
    if (!fieldsProblem && action === OPEN) return openedPage(c, rt, fileNumber, code);
    if (fieldsProblem || (action !== 'kirim' && action !== 'lewati'))
      return c.html(
        applicantPage(
          'Isian tidak dapat diproses',
          html`<p class="error" role="alert">${fieldsProblem ?? 'Pilih salah satu tombol konfirmasi.'} Tidak ada yang dicatat.</p>${openForm(fileNumber.slice(0, FILE_NUMBER_MAX), code.slice(0, RECEIPT_CODE_MAX))}`,
        ),
        statusOf('bad-request'),
      );
    const lookup = await findApplicantCase(c, rt, fileNumber, code);
    if (!lookup.view) return notFound(c, lookup, fileNumber, code);
    const view = lookup.view;
    const survey = readSurveyForm(form);
    const wanted = action === 'kirim' && view.stage.kind === 'collected' && view.stage.confirm?.survey === true;
    // A survey begun is recorded complete or not at all: the page comes back with every answer given.
    if (wanted && !survey.complete)
      return c.html(applicantPage('Permohonan Anda', viewBody(view, code, survey)), statusOf('incomplete'));
    try {
      await confirmReceipt(rt, workflow, {
        fileNumber,
        receiptCode: code,
        survey: wanted ? survey.complete : undefined,
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // Sent again (a reload, the back button): it was recorded the first time, which is no failure to the applicant.
      const confirmed = view.stage.kind === 'completed' || (view.stage.kind === 'collected' && !view.stage.confirm);
      const already = error.code === 'decided' && confirmed;
      return c.html(
        applicantPage(
          already ? 'Sudah dicatat' : 'Konfirmasi tidak dapat dicatat',
          html`<p class="${already ? 'ok' : 'error'}" role="${already ? 'status' : 'alert'}">${error.message}</p>${openPageButton(fileNumber, code, 'Kembali ke halaman pemohon')}`,
        ),
        httpStatus(error),
      );
    }
    return c.html(
      applicantPage(
        'Terima kasih',
        html`<p class="ok" role="status">Penerimaan surat izin untuk berkas ${fileNumber} sudah dicatat${wanted ? ', dengan jawaban survei Anda' : ''}. Terima kasih telah menggunakan layanan DPMPTSP Provinsi Kalimantan Timur.</p>
          ${openPageButton(fileNumber, code, 'Kembali ke halaman pemohon')}`,
      ),
    );
  });
  return app;
}

const applicantPage = (title: string, body: ReturnType<typeof html>) => page(title, body);

/**
 * A button that opens the applicant's page by posting the file number and the receipt code, where a
 * link would put the code in the address, and so in the browser's history on a shared computer.
 */
export function openPageButton(fileNumber: string, code: string, label: string, id?: string) {
  return html`<form method="post" action="/pemohon" class="buka-halaman">
    <input type="hidden" name="berkas" value="${fileNumber}">
    <input type="hidden" name="kode" value="${code}">
    <button type="submit" name="aksi" value="${OPEN}"${id ? html` id="${id}"` : ''}>${label}</button>
  </form>`;
}

/** The case of a file number and its receipt code, as the public pages look it up, under the client's throttle (open-applicant-case.ts). */
export function findApplicantCase(c: Context, rt: Runtime, fileNumber: string, code: string): Promise<ApplicantLookup> {
  return openApplicantCase(rt, addressBlock(clientAddress(c, rt.config.proxies)), { fileNumber, code });
}

/** Why a pair opened nothing, in the applicant's words: no such pair, or too many wrong ones from this client. */
export function lookupRefusal(lookup: ApplicantLookup): {
  message: string;
  status: ContentfulStatusCode;
  throttled: boolean;
} {
  return lookup.view === undefined && lookup.throttledUntil
    ? {
        throttled: true,
        message: `Terlalu banyak nomor berkas dan kode tanda terima yang tidak cocok dikirim dari jaringan Anda, sehingga berkas belum dicari. Coba lagi setelah ${wita(lookup.throttledUntil.toISOString())}. Pada jaringan bersama (kantor, Wi-Fi umum) percobaan orang lain ikut terhitung. Periksa nomor berkas dan kode pada tanda terima Anda; bila tetap tidak cocok, bawa tanda terima ke loket DPMPTSP.`,
        status: statusOf('throttled'),
      }
    : { message: NOT_FOUND_FOR_APPLICANT, status: statusOf('not-found'), throttled: false };
}

/** The applicant's page for a file number and its receipt code, or "not found" for a wrong pair; reading changes nothing. */
async function openedPage(c: Context, rt: Runtime, fileNumber: string, code: string) {
  const lookup = await findApplicantCase(c, rt, fileNumber, code);
  if (!lookup.view) return notFound(c, lookup, fileNumber, code);
  return c.html(applicantPage('Permohonan Anda', viewBody(lookup.view, code, undefined)));
}

function notFound(c: Context, lookup: ApplicantLookup, fileNumber: string, code: string) {
  const { message, status } = lookupRefusal(lookup);
  return c.html(
    applicantPage(
      'Halaman pemohon',
      html`<p class="error" role="alert" id="${LOOKUP_REFUSAL}">${message}</p>${openForm(fileNumber.slice(0, FILE_NUMBER_MAX), code.slice(0, RECEIPT_CODE_MAX), true)}`,
    ),
    status,
  );
}

function openForm(fileNumber: string, code: string, refused = false) {
  return lookupForm(
    '/pemohon',
    fileNumber,
    code,
    html`<button type="submit" name="aksi" value="${OPEN}">Buka</button>`,
    refused,
  );
}

/** The id of a refused lookup's message, which the form's fields point to. */
export const LOOKUP_REFUSAL = 'cari-berkas-salah';

/**
 * The form that asks for a file number and its receipt code, for the applicant's page and Cek status:
 * it posts them, so the code stays out of the address, and the browser offers no typed code again.
 */
export function lookupForm(
  action: string,
  fileNumber: string,
  code: string,
  button: ReturnType<typeof html>,
  /** The lookup was refused (LOOKUP_REFUSAL above the form says why): both fields point to it, the first has the focus. */
  refused = false,
) {
  const marked = refused ? html` aria-invalid="true" aria-describedby="${LOOKUP_REFUSAL}"` : '';
  return html`<form method="post" action="${action}" class="card">
    <label for="berkas">Nomor berkas (pada tanda terima)</label>
    <input type="text" id="berkas" name="berkas" value="${fileNumber}" placeholder="API-U/2026/00001" required maxlength="${FILE_NUMBER_MAX}"${marked}${refused ? html` autofocus` : ''}>
    <label for="kode">Kode tanda terima</label>
    <input type="text" id="kode" name="kode" value="${code}" placeholder="ABCD-EFGH" required maxlength="${RECEIPT_CODE_MAX}" autocomplete="off"${marked}>
    ${button}
  </form>`;
}

/** The file's summary and its stage, as both the applicant's page and Cek status show them. */
export function applicantSummary(view: ApplicantView, onApplicantPage = false) {
  const { record, sop } = view;
  return html`<dl>
      <dt>Layanan</dt><dd>${sop.title}</dd>
      <dt>Nomor berkas</dt><dd>${record.fileNumber}</dd>
      <dt>Pemohon</dt><dd>${record.applicant.name}</dd>
      <dt>Diterima</dt><dd>${wita(record.createdAt)}</dd>
      <dt>Janji selesai</dt><dd>${
        view.stage.kind === 'closed'
          ? 'tidak berlaku lagi: permohonan ditutup'
          : record.deadline
            ? view.stage.kind === 'returned' && view.stage.clockPaused
              ? `${formatTanggal(record.deadline)}, bergeser: waktu berhenti dihitung sampai berkas perbaikan diterima`
              : formatTanggal(record.deadline)
            : promiseWithoutDate(sop)
      }</dd>
    </dl>
    ${stageSection(view, onApplicantPage)}`;
}

/**
 * The promised date not yet set: an SOP whose clock starts when the technical recommendation arrives
 * (PAR-05) sets it then; one that promises no service time (the DALAK SOPs) never does.
 */
function promiseWithoutDate(sop: ApplicantView['sop']): string {
  if (sop.serviceTime?.startsAt.event === 'technical-recommendation')
    return 'ditetapkan setelah rekomendasi teknis dari instansi terkait diterima';
  return sop.serviceTime ? 'ditetapkan saat berkas diterima' : 'SOP layanan ini tidak menetapkan waktu penyelesaian';
}

/** Where the file is, said to the applicant: what happened, and what they do next. */
function stageSection({ stage, permits }: ApplicantView, onApplicantPage: boolean) {
  const numbered = permits.length
    ? html`<ul>${permits.map((p) => html`<li>${p.title}${p.number ? html`, nomor <strong>${p.number}</strong>` : ''}</li>`)}</ul>`
    : '';
  switch (stage.kind) {
    case 'received':
      return html`<section class="notice" id="keadaan"><h2>Sedang diproses</h2><p>Berkas Anda sudah kami terima dan sedang diproses sesuai SOP. Kami mengirim e-mail bila berkas perlu diperbaiki dan saat surat izin siap diambil.</p></section>`;
    case 'returned':
      return html`<section class="error" id="keadaan"><h2>Dikembalikan untuk diperbaiki</h2>
        <p><strong>Alasan:</strong> ${stage.reason || 'berkas perlu dilengkapi atau diperbaiki.'}</p>
        ${
          stage.correctedIn
            ? html`<p>Perbaiki melalui ${stage.correctedIn} sesuai alasan di atas; tidak ada yang perlu dibawa ke loket. Kami memeriksanya kembali setelah perbaikan Anda tercatat di ${stage.correctedIn}.</p>`
            : html`<p>Bawa ke loket:</p><ul>${stage.bring.map((item) => html`<li>${item}</li>`)}</ul>`
        }
        ${stage.clockPaused ? html`<p>Waktu penyelesaian berhenti dihitung sampai berkas perbaikan kami terima.</p>` : ''}</section>`;
    case 'ready':
      return html`<section class="ok" id="keadaan"><h2>Siap diambil</h2>
        <p>Surat izin Anda sudah selesai dan dapat diambil di loket pengambilan pada jam pelayanan:</p>${numbered}
        <p>Bawa saat mengambil:</p><ul>${stage.bring.map((item) => html`<li>${item}</li>`)}</ul></section>`;
    case 'collected':
      return html`<section class="ok" id="keadaan"><h2>Sudah diserahkan</h2>
        <p>Surat izin sudah diserahkan di loket pengambilan.${
          stage.confirm
            ? ` Mohon konfirmasi penerimaannya dengan formulir "Konfirmasi penerimaan surat izin" ${onApplicantPage ? 'di bawah' : 'di halaman pemohon'}.`
            : stage.taken
              ? ' Konfirmasi Anda sudah kami terima dan sedang dicatat. Terima kasih.'
              : ' Penerimaannya sudah dikonfirmasi. Terima kasih.'
        }</p>${numbered}</section>`;
    case 'completed':
      return html`<section class="ok" id="keadaan"><h2>Selesai</h2><p>Permohonan Anda sudah selesai diproses.${stage.permitOutcome ? ` ${stage.permitOutcome}` : ''} Terima kasih.</p></section>`;
    case 'closed':
      return html`<section class="error" id="keadaan"><h2>Ditutup</h2><p>Permohonan ini ditutup dan tidak dilanjutkan.</p>
        ${stage.reason ? html`<p><strong>Alasan:</strong> ${stage.reason}</p>` : ''}
        <p>Bila ada yang perlu ditanyakan, datanglah ke loket kami pada jam pelayanan.</p></section>`;
    case 'stopped':
      return html`<section class="error" id="keadaan"><h2>Terhenti sementara</h2><p>Berkas terhenti karena gangguan sistem; petugas sudah diberi tahu dan akan melanjutkannya.</p></section>`;
  }
}

/** The applicant's page: the summary, the confirmation with the survey at their step, their rights and where to complain. */
function viewBody(view: ApplicantView, code: string, survey: SurveyForm | undefined) {
  const confirm = view.stage.kind === 'collected' ? view.stage.confirm : null;
  return html`${applicantSummary(view, true)}
    ${confirm ? confirmForm(view, code, confirm.survey, survey) : ''}
    ${view.stage.kind === 'ready' || view.stage.kind === 'collected' ? rightsSection(view.sop) : ''}
    ${complaintSection(view.sop)}`;
}

/** The applicant's confirmation, with the nine IKM questions; a half-filled survey comes back with its answers and the questions left. */
function confirmForm(view: ApplicantView, code: string, withSurvey: boolean, sent: SurveyForm | undefined) {
  const missing = new Set(sent?.missing ?? []);
  return html`<form method="post" action="/pemohon" class="card" id="konfirmasi">
    <h2>Konfirmasi penerimaan surat izin</h2>
    <input type="hidden" name="berkas" value="${view.record.fileNumber}">
    <input type="hidden" name="kode" value="${code}">
    ${
      sent && missing.size
        ? html`<div class="error" role="alert"><p>Survei belum lengkap; jawaban Anda yang lain tetap tersimpan di bawah. Pertanyaan yang belum dijawab:</p>
          <ul>${[...missing].map((question) => html`<li>${question}</li>`)}</ul></div>`
        : ''
    }
    ${
      withSurvey
        ? html`<p>Bantu kami memperbaiki layanan: nilai sembilan unsur pelayanan berikut (Survei Kepuasan Masyarakat). Survei boleh dilewati, tetapi bila diisi, semua pertanyaan wajib dijawab.</p>
          ${IKM_ELEMENTS.map((element, i) => {
            const question = `U${i + 1}. ${element.label}`;
            return html`<fieldset id="survei-${element.id}" class="skala${missing.has(question) ? ' belum' : ''}">
              <legend>${question}</legend>
              ${missing.has(question) ? html`<p class="belum-dijawab">Belum dijawab</p>` : ''}
              ${IKM_SCALE.map(
                (label, n) =>
                  html`<label><input type="radio" name="${element.id}" value="${n + 1}"${sent?.given[element.id] === n + 1 ? html` checked` : ''}> ${n + 1} ${label}</label> `,
              )}
            </fieldset>`;
          })}
          <label for="saran">Saran (boleh kosong)</label>
          <textarea id="saran" name="saran" rows="3" maxlength="${SARAN_MAX}">${sent?.saran ?? ''}</textarea>
          <button type="submit" name="aksi" value="kirim">Konfirmasi penerimaan dan kirim survei</button>
          <button type="submit" name="aksi" value="lewati" class="secondary">Konfirmasi tanpa mengisi survei</button>`
        : html`<button type="submit" name="aksi" value="lewati">Konfirmasi penerimaan</button>`
    }
  </form>`;
}
