import { randomBytes } from 'node:crypto';
import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { openCase, sopAtCounter } from '#cases/open-case.ts';
import { FormAlreadySent, formSentNotice } from '#cases/start-case.ts';
import { showReceipt } from '#cases/show-receipt.ts';
import { listAttachments } from '#cases/list-attachments.ts';
import { attachmentSection, noScriptNote } from './attachment-routes.ts';
import { getReceiptFile } from '#cases/get-receipt-file.ts';
import { promise } from '#documents/document-data.ts';
import type { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { revisionLabel, revisionOf, type Fact, type Requirement, type Sop } from '#sop/schema.ts';
import { httpStatus, statusOf, isRefusal } from './errors.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { breakAfterSlashes, page, wita } from './page.ts';
import { complaintSection, CONDITIONAL_REQUIREMENTS, requirementNumbersSection } from './applicant-notes.ts';
import { APPLICANT_FIELDS, applicantLabel } from '#cases/applicant-fields.ts';
import { applicantFieldsRequired } from '#cases/applicant-in-drafts.ts';
import { checkCaseFields, readUploadReferences, receivedAtCounter } from './read-case-request.ts';
import { issueUploadRoute } from './upload-routes.ts';
import { withClaimedUploads } from '#cases/claim-uploads.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { fieldProblem } from '#validation/indonesian-errors.ts';

type Values = Record<string, string | string[]>;

/**
 * The front office (loket): one form per SOP, built from the catalog. Conditional checklist items
 * are shown only when they apply, by CSS on the form's own fields, so the form works without script;
 * the server decides what is required either way.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the loket's route group: form, uploads, intake and receipt share the limits and the workflow
export function loketRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  const direct = rt.config.uploads !== undefined;

  app.get('/', (c) =>
    c.html(
      page(
        'Loket: permohonan baru',
        html`<p>Pilih layanan atau kegiatan untuk membuka berkas baru.</p>
          ${(['licensing', 'control'] as const).map(
            (
              family,
            ) => html`<h2>${family === 'licensing' ? 'Layanan perizinan' : 'Pengendalian pelaksanaan penanaman modal'}</h2>
              <ul>${rt.catalog.filter((sop) => sop.family === family).map((sop) => html`<li><a href="/loket/${sop.id}">${sop.title}</a> <small>(${sop.id})</small></li>`)}</ul>`,
          )}`,
      ),
    ),
  );

  // One attachment's upload form (presigned POST), for the form's script: JSON in, JSON out.
  app.post('/unggahan', issueUploadRoute(rt));

  app.get('/:sop', (c) => {
    // The checklist of the revision in force today, the one the intake checks (not always the newest kept).
    const sop = sopAtCounter(rt, c.req.param('sop'));
    if (!sop)
      return c.html(
        page(
          'Layanan tidak dikenal',
          html`<p class="error">Layanan ini tidak dikenal. <a href="/loket">Kembali ke daftar layanan</a></p>`,
        ),
        statusOf('unknown-sop'),
      );
    return c.html(applicationForm(sop, {}, undefined, direct));
  });

  app.post('/:sop', async (c) => {
    const sop = sopAtCounter(rt, c.req.param('sop'));
    if (!sop)
      return c.html(
        page('Layanan tidak dikenal', html`<p class="error">Layanan ini tidak dikenal.</p>`),
        statusOf('unknown-sop'),
      );
    const form = await c.req.parseBody({ all: true }).catch(() => undefined);
    if (!form) return c.html(applicationForm(sop, {}, UNREADABLE_FORM, direct), statusOf('bad-request'));
    const facts = new Set(sop.facts.map((fact) => `fakta.${fact.id}`));
    const fieldsProblem = formFieldsProblem(form, (name) => LOKET_FIELDS.has(name) || facts.has(name), [
      'syarat',
      'lampiran',
      'unggahan',
    ]);
    if (fieldsProblem) return c.html(applicationForm(sop, {}, fieldsProblem, direct), statusOf('bad-request'));
    const values = formValues(form);
    const intakeForm = values[INTAKE_FORM];
    if (!isIntakeForm(intakeForm))
      return c.html(
        applicationForm(sop, values, intakeForm === undefined ? NO_INTAKE_FORM : UNKNOWN_INTAKE_FORM, direct),
        statusOf('bad-request'),
      );
    const uploads = ([] as unknown[])
      .concat(form.lampiran ?? [])
      .filter((file): file is File => file instanceof File && file.size > 0);
    const files = await Promise.all(
      uploads.map(async (file) => ({
        name: file.name,
        contentType: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
    const fields = caseFields(sop, values);
    let record: Awaited<ReturnType<typeof openCase>>;
    const references = ([] as unknown[])
      .concat(form.unggahan ?? [])
      .filter((item): item is string => typeof item === 'string');
    try {
      record = await withClaimedUploads(rt, readUploadReferences(references), (uploaded) =>
        openCase(rt, workflow, { ...checkCaseFields(fields, files, uploaded), ...receivedAtCounter(c), intakeForm }),
      );
    } catch (error) {
      // Sent again (Back, a second click): the first sending's receipt, as that sending was answered.
      if (error instanceof FormAlreadySent && error.record) {
        setReceiptCookies(c, error.record, true);
        return c.redirect(`/loket/tanda-terima/${error.record.caseId}`, 303);
      }
      if (!isRefusal(error)) throw error;
      // Uploads stay with a form refused for another reason; a refused upload is chosen again.
      if (error.code === 'invalid-attachment' || error.code === 'invalid-request') delete values.unggahan;
      return c.html(
        applicationForm(sop, values, refusalMessage(error, sop), direct, applicantProblems(error)),
        formStatus(error),
      );
    }
    setReceiptCookies(c, record, false);
    return c.redirect(`/loket/tanda-terima/${record.caseId}`, 303);
  });

  // The code reaches the receipt in a short-lived cookie, not the address: a counter computer's
  // history is shared, and the code opens the applicant's own page. Whoever holds the form's intake
  // id drew that form, so a form sent again gets the cookie as its first sending did.
  const setReceiptCookies = (c: Context, record: { caseId: string; receiptCode: string }, sentAgain: boolean) => {
    const options = {
      // One per case: a receipt received earlier still opens while a later one is printed.
      path: `/loket/tanda-terima/${record.caseId}`,
      httpOnly: true,
      sameSite: 'Strict',
      secure: rt.config.publicUrl.startsWith('https://'),
    } as const;
    setCookie(c, RECEIPT_COOKIE, `${record.caseId}:${record.receiptCode}`, {
      ...options,
      maxAge: RECEIPT_COOKIE_SECONDS,
    });
    // The notice is read once, by the page the redirect opens.
    if (sentAgain) setCookie(c, SENT_AGAIN_COOKIE, '1', { ...options, maxAge: 60 });
  };

  // A receipt, as a page or a PDF, is shown only with its code (the case id alone finds nothing): the
  // address's (the API's receiptUrl), or the one the counter's form just received.
  const byReceiptCode = <T>(c: Context, read: (rt: Runtime, id: string, code: string | undefined) => Promise<T>) => {
    const id = c.req.param('id') ?? '';
    if (!RECEIPT_ID.test(id)) return undefined;
    const [cookieCase, cookieCode] = (getCookie(c, RECEIPT_COOKIE) ?? '').split(':');
    return read(rt, id, c.req.query('kode') ?? (cookieCase === id ? cookieCode : undefined));
  };
  // Why the receipt does not open here and what to do: the code that guards it stays on the computer that
  // recorded the file; typed again from the applicant's sheet, it opens the receipt for a reprint.
  const receiptNotFound = (c: Context, wrongCode = false) => {
    const id = c.req.param('id') ?? '';
    return c.html(
      page(
        'Tanda terima tidak dapat dibuka',
        html`${wrongCode ? html`<p class="error" role="alert">Kode tanda terima tidak cocok dengan berkas ini. Periksa kode pada lembar tanda terima pemohon, lalu ketik lagi.</p>` : ''}
          <p class="notice">Tanda terima hanya terbuka di komputer loket yang mencatat berkasnya, selama seperempat jam setelah berkas diterima. Kodenya tidak pernah dimuat di alamat halaman, supaya tidak tersimpan di riwayat peramban komputer loket yang dipakai bersama.</p>
          ${
            RECEIPT_ID.test(id)
              ? html`<form method="post" action="/loket/tanda-terima/${id}" class="card">
                  <p>Untuk mencetak ulang, ketik kode tanda terima yang tertulis pada lembar tanda terima pemohon (misalnya ABCD-EFGH).</p>
                  <label for="kode">Kode tanda terima</label>
                  <input type="text" id="kode" name="kode" required maxlength="${RECEIPT_CODE_MAX}" autocomplete="off" spellcheck="false">
                  <p><button type="submit">Buka tanda terima</button></p>
                </form>`
              : ''
          }
          <p><a href="/loket">Kembali ke Loket</a></p>`,
      ),
      statusOf('not-found'),
    );
  };

  // A reprint: the code typed from the applicant's sheet travels in the body and then in the cookie, never in an address.
  app.post('/tanda-terima/:id', async (c) => {
    const form = await c.req.parseBody({ all: true }).catch(() => undefined);
    const problem = form ? formFieldsProblem(form, (name) => name === 'kode') : UNREADABLE_FORM;
    if (problem)
      return c.html(
        page(
          'Tanda terima tidak dapat dibuka',
          html`<p class="error" role="alert">${problem}</p><p><a href="/loket">Kembali ke Loket</a></p>`,
        ),
        statusOf('bad-request'),
      );
    const id = c.req.param('id');
    const code = typeof form?.kode === 'string' && form.kode.length <= RECEIPT_CODE_MAX ? form.kode : undefined;
    const receipt = RECEIPT_ID.test(id) && code ? await showReceipt(rt, id, code) : undefined;
    if (!receipt) return receiptNotFound(c, true);
    setReceiptCookies(c, receipt.record, false);
    return c.redirect(`/loket/tanda-terima/${id}`, 303);
  });

  app.get('/tanda-terima/:id', async (c) => {
    const receipt = await byReceiptCode(c, showReceipt);
    if (!receipt) return receiptNotFound(c);
    const { record, sop } = receipt;
    const attachments = await listAttachments(rt, record.caseId);
    const sentAgain = getCookie(c, SENT_AGAIN_COOKIE) !== undefined;
    if (sentAgain) deleteCookie(c, SENT_AGAIN_COOKIE, { path: `/loket/tanda-terima/${record.caseId}` });
    return c.html(
      page(
        'Tanda terima berkas',
        html`${sentAgain ? html`<p class="notice no-print" role="status">${formSentNotice(record.fileNumber)}</p>` : ''}
          <p class="ok no-print">Berkas diterima dan dicatat. Cetak halaman ini atau unduh tanda terima PDF untuk pemohon.</p>
          <dl>
            <dt>Nomor berkas</dt><dd><strong>${record.fileNumber}</strong></dd>
            <dt>Kode tanda terima</dt><dd><strong>${record.receiptCode}</strong></dd>
            <dt>Layanan</dt><dd>${sop.title}</dd>
            <dt>Menurut SOP</dt><dd>${sop.id}, ${revisionLabel(sop)}</dd>
            <dt>Pemohon</dt><dd>${record.applicant.name}</dd>
            <dt>Diterima</dt><dd>${wita(record.createdAt)}</dd>
            ${
              record.deadline
                ? html`<dt>Janji selesai</dt><dd>${formatTanggal(record.deadline)} (${promise(sop)})</dd>`
                : html`<dt>Waktu penyelesaian</dt><dd>${capitalize(promise(sop))}</dd>`
            }
          </dl>
          ${
            record.requirements.length
              ? html`<h2>Persyaratan</h2>
                <ul>${record.requirements.map((item) => html`<li>${item.id}. ${item.label}: ${item.handedIn ? 'ada' : 'tidak ada'}</li>`)}</ul>
                ${requirementNumbersSection(record.requirements, sop)}`
              : ''
          }
          ${attachmentSection(record.caseId, attachments, { heading: 'Lampiran yang diunggah' })}
          ${complaintSection(sop)}
          <p>Status dapat dicek di halaman <a href="/cek-status">Cek status</a> dengan nomor berkas dan kode tanda terima.</p>
          <p class="no-print"><a href="/loket/tanda-terima/${record.caseId}/pdf">Unduh tanda terima (PDF)</a> · <a href="/loket">Permohonan baru</a></p>`,
      ),
    );
  });

  // The receipt as a PDF, for the one holding its code: the archived copy, or rendered from the case (DALAK).
  app.get('/tanda-terima/:id/pdf', async (c) => {
    const pdf = await byReceiptCode(c, getReceiptFile);
    if (!pdf) return receiptNotFound(c);
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="tanda-terima.pdf"',
    });
  });

  return app;
}

/** A case id as an address may carry it. */
const RECEIPT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Longer than any receipt code as a person types it ("ABCD-EFGH", spaces around the hyphen). */
const RECEIPT_CODE_MAX = 24;

/** The form's receipt code, for the receipt's page and PDF only, for a quarter of an hour. */
const RECEIPT_COOKIE = 'paraf_tanda_terima';
const RECEIPT_COOKIE_SECONDS = 15 * 60;
/** Set when the form was sent again: the receipt it opens says no new file was made. */
const SENT_AGAIN_COOKIE = 'paraf_formulir_ulang';

/**
 * The form's one-time intake id: random, made each time the form is drawn, so a form sent again
 * (Back, a second click) is known as the one sent before and makes no second case.
 */
const INTAKE_FORM = 'formulir';
const newIntakeForm = () => randomBytes(16).toString('base64url');
const isIntakeForm = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
/**
 * After Back the page is drawn anew (no-store) with a new id while the browser puts the typed fields
 * back; /validasi.js keeps the first id in the history entry (data-tetap) and puts it back too, so the
 * form sent again is known. Without script a form sent again after Back is a new intake.
 */
const intakeFormField = (values: Values) =>
  html`<input type="hidden" name="${INTAKE_FORM}" value="${isIntakeForm(values[INTAKE_FORM]) ? values[INTAKE_FORM] : newIntakeForm()}" data-tetap>`;
const NO_INTAKE_FORM =
  'Kode formulir tidak ada: formulir ini tidak dibuat oleh halaman Loket. Periksa isian di bawah, lalu kirim lagi.';
const UNKNOWN_INTAKE_FORM =
  'Kode formulir tidak dikenal: formulir ini tidak dibuat oleh halaman Loket. Periksa isian di bawah, lalu kirim lagi.';

/** The applicant's sheet of the receipt, with its code (POST /api/cases answers it). */
export const receiptPdf = (record: { caseId: string; receiptCode: string }) =>
  `/loket/tanda-terima/${record.caseId}/pdf?kode=${encodeURIComponent(record.receiptCode)}`;

const UNREADABLE_FORM = 'Formulir tidak dapat dibaca; silakan isi kembali.';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A refused application as the clerk reads it: an incomplete file lists what is missing. */
function refusalMessage(error: ParafError, sop: Sop): string {
  const missing = (error.details.missing as Requirement[] | undefined) ?? [];
  if (missing.length)
    return `Berkas belum lengkap, jadi belum diterima dan tidak ada yang dicatat. Persyaratan yang belum ada: ${missing.map((item) => `${item.id}. ${item.label}`).join('; ')}. Bila pemohon membawanya, centang pada daftar persyaratan lalu kirim lagi; bila tidak, kembalikan berkas kepada pemohon untuk dilengkapi.`;
  const issues = error.details.issues as { path: string[]; message: string }[] | undefined;
  if (!issues?.length) return error.message;
  return `Isian belum benar: ${issues.map((issue) => fieldProblem(fieldLabel(sop, issue.path), issue.message)).join('; ')}.`;
}

/** The API's path of a field as the form's label names it (read-case-request.ts checks the form in the API's shape). */
function fieldLabel(sop: Sop, path: readonly string[]): string {
  const [top, field] = path;
  if (top === 'applicant' && field) return applicantLabel(field);
  if (top === 'form' && field === 'facts')
    return sop.facts.find((fact) => fact.id === path[2])?.label ?? 'Keadaan permohonan';
  if (top === 'permit') return 'Nomor registrasi izin';
  if (top === 'requirements') return 'Persyaratan yang diserahkan';
  return 'Formulir';
}

/** The form is shown again with the refusal's status; an SOP unknown to the API is a wrong form here (400). */
function formStatus(error: ParafError) {
  const status = httpStatus(error);
  return status === 404 ? 400 : status;
}

/**
 * The applicant's inputs a refusal is about, by the form's field name, with what each lacks: those the
 * SOP's drafts need (applicant-in-drafts.ts), or those the request's check found wrong.
 */
function applicantProblems(error: ParafError): Record<string, string> {
  const fieldOf = (key: string) => APPLICANT_FIELDS.find((item) => item.key === key)?.field;
  const lacking = ((error.details.fields as string[] | undefined) ?? []).map(
    (key) => [fieldOf(key), 'Wajib diisi untuk layanan ini.'] as const,
  );
  const wrong = ((error.details.issues as { path: string[]; message: string }[] | undefined) ?? [])
    .filter((issue) => issue.path[0] === 'applicant')
    .map((issue) => [fieldOf(issue.path[1] ?? ''), `${capitalize(issue.message)}.`] as const);
  return Object.fromEntries([...lacking, ...wrong].filter(([field]) => field !== undefined));
}

/**
 * An applicant input: its table's attributes (constants, never typed text), `required` where the SOP's
 * drafts need it so the browser says so first, and the refusal's problem with it, if any (the first
 * such field has the focus when the page comes back: browsers give it to the first `autofocus`).
 */
function applicantInput(item: (typeof APPLICANT_FIELDS)[number], value: string, required: boolean, problem?: string) {
  const notes = [
    ...('hint' in item ? [item.hint] : []),
    ...(required ? [] : ['boleh kosong']),
    // Without it the applicant hears nothing from the office, not even the link to their own page.
    ...(item.key === 'email' && !required ? ['tanpa e-mail, pemohon tidak menerima kabar berkasnya'] : []),
  ];
  const hint = notes.length ? ` (${notes.join('; ')})` : '';
  return html`<label for="${item.field}">${item.label}${hint}</label>
    ${problem ? html`<p class="isian-salah" id="${item.field}-salah">${problem}</p>` : ''}
    <input ${raw(item.input)}${required ? raw(' required') : ''}${problem ? html` aria-invalid="true" aria-describedby="${item.field}-salah" autofocus` : ''} id="${item.field}" name="${item.field}" value="${value}">`;
}

const factField = (fact: Fact) => `fakta-${fact.id}`;

/** Files already in the uploads bucket stay with a refused form (hidden references), so nobody uploads them twice. */
function keptUploads(values: Values) {
  return ([] as string[]).concat(values.unggahan ?? []).map((reference) => {
    let name = '';
    try {
      name = String((JSON.parse(reference) as { name?: unknown }).name ?? '');
    } catch {
      // The server refuses a malformed reference when the form is sent again; shown without a name.
    }
    return html`<li>${name}: terunggah<input type="hidden" name="unggahan" value="${reference}"></li>`;
  });
}

/** With direct uploads the script sends each file as it is chosen; without script the form's body carries them. */
const attachmentField = () =>
  html`<label for="lampiran">Lampiran (PDF, JPEG atau PNG; paling besar 30 MB per berkas, paling banyak 20 berkas; setiap berkas langsung diunggah begitu dipilih)</label>
    ${noScriptNote}`;

/** CSS that hides a conditional item while its condition does not hold, read from the form's own state. */
export function conditionalStyle(sop: Sop): string {
  return sop.requirements
    .flatMap((item) => {
      const when = item.when;
      const fact = when && sop.facts.find((f) => f.id === when.fact);
      if (!when || !fact) return [];
      const target = `#syarat-${item.id}-item`;
      if (when.equals !== undefined)
        return `form:${when.equals ? 'not(:has' : 'has'}(#${factField(fact)}:checked)${when.equals ? ')' : ''} ${target}{display:none}`;
      const hidden = Array.from(
        { length: (when.greaterThan ?? 0) - (fact.min ?? 0) + 1 },
        (_, i) => (fact.min ?? 0) + i,
      );
      return hidden
        .map((value) => `form:has(#${factField(fact)} option[value="${value}"]:checked) ${target}{display:none}`)
        .join('\n');
    })
    .join('\n');
}

/** The form's text fields as typed: one value each, the requirements' checkboxes as a list. */
function formValues(form: PostedForm): Values {
  const values: Values = {};
  for (const [name, value] of Object.entries(form)) {
    const list = ([] as unknown[]).concat(value).filter((item): item is string => typeof item === 'string');
    const [only] = list;
    if (only !== undefined) values[name] = list.length === 1 && name !== 'syarat' ? only : list;
  }
  return values;
}

/** The case request the form says, in the JSON API's shape (read-case-request.ts checks both alike). */
function caseFields(sop: Sop, values: Values) {
  const text = (name: string) =>
    typeof values[name] === 'string' && (values[name] as string).trim() ? (values[name] as string).trim() : undefined;
  return {
    sop: sop.id,
    applicant: {
      name: '',
      ...Object.fromEntries(APPLICANT_FIELDS.flatMap(({ key, field }) => (text(field) ? [[key, text(field)]] : []))),
    },
    form: {
      facts: Object.fromEntries(
        sop.facts.map((fact) => [
          fact.id,
          fact.type === 'boolean' ? values[`fakta.${fact.id}`] === 'ya' : Number(values[`fakta.${fact.id}`] ?? NaN),
        ]),
      ),
      documents: {},
    },
    requirements: ([] as string[]).concat(values.syarat ?? []),
    ...(text('izin') ? { permit: text('izin') } : {}),
  };
}

/** The application form's own fields besides the SOP's facts (fakta.<id>): the applicant, the permit acted on, the requirements and the files. */
const LOKET_FIELDS = new Set([
  ...APPLICANT_FIELDS.map(({ field }) => field),
  'izin',
  'syarat',
  'lampiran',
  'unggahan',
  INTAKE_FORM,
]);

function applicationForm(
  sop: Sop,
  values: Values,
  error: string | undefined,
  direct: boolean,
  problems: Record<string, string> = {},
) {
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const required = new Set<string>(applicantFieldsRequired(sop));
  const handedIn = new Set(([] as string[]).concat(values.syarat ?? []));
  return page(
    sop.title,
    html`<link rel="stylesheet" href="/stil/loket/${sop.id}.css?revisi=${revisionOf(sop)}">
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <p>${sop.id}, ${revisionLabel(sop)}${sop.serviceTime ? html` · waktu penyelesaian ${sop.serviceTime.limit} hari kerja` : ''}${sop.fee ? html` · biaya: ${sop.fee.asWritten}` : ''}</p>
      <form method="post" enctype="multipart/form-data" class="card" ${direct ? html`data-unggah="/loket/unggahan"` : ''}>
        ${intakeFormField(values)}
        <fieldset><legend>Pemohon</legend>
          ${APPLICANT_FIELDS.map((item) =>
            applicantInput(item, value(item.field), required.has(item.key), problems[item.field]),
          )}
        </fieldset>
        ${
          sop.actsOnPermit
            ? html`<fieldset><legend>Izin yang diperiksa atau dicabut</legend>
              <label for="izin">Nomor registrasi izin (kosongkan bila izin terbit sebelum kantor memakai aplikasi ini)</label>
              <input type="text" id="izin" name="izin" maxlength="120" value="${value('izin')}" placeholder="503/001/API-U/DPMPTSP-III/XI/2026">
            </fieldset>`
            : ''
        }
        ${
          sop.facts.length
            ? html`<fieldset><legend>Keadaan permohonan</legend>
              ${sop.facts.map((fact) =>
                fact.type === 'boolean'
                  ? html`<p><input type="checkbox" id="${factField(fact)}" name="fakta.${fact.id}" value="ya" ${value(`fakta.${fact.id}`) === 'ya' ? 'checked' : ''}> <label class="inline" for="${factField(fact)}">${fact.label}</label></p>`
                  : html`<label for="${factField(fact)}">${fact.label}</label>
                      <select id="${factField(fact)}" name="fakta.${fact.id}">
                        ${Array.from({ length: (fact.max ?? (fact.min ?? 0) + 9) - (fact.min ?? 0) + 1 }, (_, i) => (fact.min ?? 0) + i).map((n) => html`<option value="${n}" ${value(`fakta.${fact.id}`) === String(n) ? 'selected' : ''}>${n}</option>`)}
                      </select>`,
              )}
            </fieldset>`
            : ''
        }
        ${
          sop.requirements.length
            ? html`<fieldset><legend>Persyaratan yang diserahkan</legend>
              ${sop.requirements.some((item) => item.when) ? html`<p class="bantuan">${CONDITIONAL_REQUIREMENTS}</p>` : ''}
              ${sop.requirements.map(
                (item) =>
                  html`<p id="syarat-${item.id}-item"><input type="checkbox" id="syarat-${item.id}" name="syarat" value="${item.id}" ${handedIn.has(item.id) ? 'checked' : ''}> <label class="inline" for="syarat-${item.id}">${item.id}. ${breakAfterSlashes(item.label)}${item.anyOf ? ' (salah satu dari kelompok ini)' : ''}</label></p>`,
              )}
            </fieldset>`
            : ''
        }
        ${direct ? attachmentField() : html`<label for="lampiran">Lampiran (PDF, JPEG atau PNG; paling besar 10 MB per berkas)</label>`}
        <input type="file" id="lampiran" name="lampiran" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png">
        ${direct ? html`<ul id="unggahan-daftar" aria-live="polite">${keptUploads(values)}</ul><p id="unggahan-status" aria-live="assertive" hidden></p>` : ''}
        <p><button type="submit">Terima berkas dan cetak tanda terima</button></p>
      </form>
      ${direct ? html`<script src="/unggah.js" defer></script>` : ''}`,
  );
}
