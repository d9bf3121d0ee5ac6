import { factorFromForm, isCodeRefusal, officialsCode, signingFactorField } from './signing-factor-field.ts';
import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { getDocumentFile } from '#cases/get-document-file.ts';
import { copyWord } from '#documents/copies.ts';
import { copyFileName, draftFileName } from '#documents/draft-docx.ts';
import { listAttachments } from '#cases/list-attachments.ts';
import { listClerkWork, type ClerkTask } from '#cases/list-clerk-work.ts';
import { recordHandover } from '#cases/record-handover.ts';
import { showHandover } from '#cases/show-handover.ts';
import { showNumbering, type NumberingView } from '#cases/show-numbering.ts';
import { signingFactorOf } from '#cases/rules/signing-steps.ts';
import { takeDecision } from '#cases/take-decision.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { httpStatus, isRefusal, statusOf } from './errors.ts';
import { signedIn, signedInOfficial, type IdentityProvider } from '#identity/identity.ts';
import { demoCodeFor } from '#identity/local-sign-in.ts';
import { page, wita } from './page.ts';
import { attachmentSection } from './attachment-routes.ts';

/** The address of Tata Usaha's numbering page of a numbering step's link. */
export const numberingPageAddress = (linkId: string) => `/tata-usaha/nomor/${linkId}`;

/**
 * Tata Usaha: signed documents waiting for their register number, numbered permits ready for
 * handover, every copy and the DOCX draft to download, the applicant's attachments, the numbering
 * (the number it will give, then the number given) and the handover recorded with its confirmation.
 */
export function tataUsahaRoutes(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  const app = new Hono();
  app.get('/', workPage(rt));
  app.get('/unduh/:caseId/:kind/:copy', download(rt));
  app.get('/nomor/:linkId', numberingPage(rt));
  app.post('/nomor/:linkId', giveNumber(rt, workflow, identity));
  app.get('/serah-terima/:linkId', handoverConfirmation(rt));
  app.post('/serah-terima/:linkId', handover(rt, workflow, identity));
  return app;
}

/**
 * A document's copies and its DOCX draft, as download links, each naming its document for a screen
 * reader's list of links ("rangkap 1" alone is the same for every document of the page).
 */
const downloadLinks = (caseId: string, state: ClerkTask['states'][number], title: string) =>
  html`${state.copies.map((copy) => html`<a href="/tata-usaha/unduh/${caseId}/${state.kind}/${copy.copy}">${copyWord(copy.copy, state.copies.length)}<span class="tersembunyi"> ${title}</span></a> `)}
  ${state.draft ? html`<a href="/tata-usaha/unduh/${caseId}/${state.kind}/draf">draf Word untuk diubah (tanpa nomor)<span class="tersembunyi"> ${title}</span></a>` : ''}`;

/** A handover refused for what was typed (a receipt code that does not match, a name too short): shown in its card. */
interface RefusedHandover {
  linkId: string;
  collector: string;
  note: string;
  /** Typed in the form for a collector without the receipt: that form opens again, with it. */
  identity: string | undefined;
  refusal: string;
  status: ReturnType<typeof httpStatus>;
}

/** What waits for Tata Usaha: numbers to give, permits to hand over, each with its downloads and attachments. */
function workPage(rt: Runtime) {
  return (c: Context) => showWorkPage(c, rt);
}

async function showWorkPage(c: Context, rt: Runtime, refused?: RefusedHandover) {
  const [{ waitingNumber, handover }, demoCode] = await Promise.all([listClerkWork(rt), demoCodeFor(rt, signedIn(c))]);
  const attachments = new Map(
    await Promise.all(
      [...waitingNumber, ...handover].map(
        async (row) => [row.task.caseId, await listAttachments(rt, row.task.caseId)] as const,
      ),
    ),
  );
  const details = (row: ClerkTask) =>
    html`${row.states.map(
      (
        state,
      ) => html`<p>${row.sop.documents.find((d) => d.kind === state.kind)?.title ?? state.kind}${state.number ? html` · <strong>${state.number.number}</strong>` : ''}:
          ${downloadLinks(row.task.caseId, state, row.sop.documents.find((d) => d.kind === state.kind)?.title ?? state.kind)}</p>`,
    )}
      <details><summary>Lampiran berkas (${attachments.get(row.task.caseId)?.length ?? 0})</summary>${attachmentSection(row.task.caseId, attachments.get(row.task.caseId) ?? [], { heading: 'Lampiran' })}</details>`;
  return c.html(
    page(
      'Tata Usaha',
      html`${refused && !handover.some((row) => row.task.linkId === refused.linkId) ? html`<p class="error" role="alert">${refused.refusal}</p>` : ''}
        <p><a href="/tata-usaha/register">Buku register</a>: setiap nomor berkas dan nomor registrasi menurut urutan, termasuk nomor yang batal beserta alasannya.</p>
          <h2>Menunggu nomor registrasi (${waitingNumber.length})</h2>
          ${waitingNumber.length ? '' : html`<p>Tidak ada.</p>`}
          ${waitingNumber.map(
            (
              row,
            ) => html`<section class="card"><p><strong>${row.record?.fileNumber}</strong> · ${row.record?.applicant.name} · ${row.sop.title}</p>${details(row)}
              <p><a href="${numberingPageAddress(row.task.linkId)}">Beri nomor registrasi</a> (menunggu sejak ${wita(row.task.createdAt)})</p></section>`,
          )}
          <h2>Siap diserahkan (${handover.length})</h2>
          ${handover.length ? '' : html`<p>Tidak ada.</p>`}
          ${handover.map((row) => handoverCard(row, details(row), demoCode, refused?.linkId === row.task.linkId ? refused : undefined))}`,
    ),
    refused?.status ?? 200,
  );
}

/**
 * A permit ready for handover: the form against the receipt's code, and, folded away, the one for a
 * collector who lost the receipt (identified by a document the clerk checks). The code is never typed
 * back into the page: the clerk reads it again from the applicant's receipt.
 */
function handoverCard(
  row: ClerkTask,
  details: HtmlEscapedString | Promise<HtmlEscapedString>,
  demoCode: string | undefined,
  typed?: RefusedHandover,
) {
  const id = row.task.linkId;
  const withCode = typed && typed.identity === undefined ? typed : undefined;
  const withoutCode = typed?.identity !== undefined ? typed : undefined;
  const refusal = (who: RefusedHandover | undefined, kept: string) =>
    who ? html`<p class="error" role="alert" id="penyerahan-ditolak">${who.refusal} ${kept}</p>` : '';
  return html`<section class="card"><p><strong>${row.record?.fileNumber}</strong> · ${row.record?.applicant.name} · ${row.sop.title}</p>${details}
    ${refusal(withCode, 'Nama penerima dan catatan masih ada di bawah; ketik ulang kodenya.')}
    <form method="post" action="/tata-usaha/serah-terima/${id}">
      <label for="penerima-${id}">Diambil oleh (nama penerima)</label>
      <input type="text" id="penerima-${id}" name="penerima" required minlength="3" maxlength="120" value="${withCode?.collector ?? ''}">
      <label for="kode-${id}">Kode pada tanda terima yang dibawa pengambil</label>
      <input type="text" id="kode-${id}" name="kode" required maxlength="20" autocomplete="off"${withCode ? raw(' autofocus') : ''}>
      <label for="catatan-${id}">Catatan (boleh kosong)</label>
      <input type="text" id="catatan-${id}" name="catatan" maxlength="300" value="${withCode?.note ?? ''}">
      <button type="submit">Catat penyerahan</button>
    </form>
    <details class="tanpa-kode"${withoutCode ? raw(' open') : ''}><summary>Tanda terima hilang atau tidak dibawa</summary>
      <p>Periksa identitas pengambil (KTP, dan surat kuasa bila diwakilkan) dan cocokkan dengan pemohon di atas. Identitas yang Anda tulis dicatat dalam riwayat berkas dan pada bukti serah terima, atas nama Anda; kode autentikator Anda menggantikan kode tanda terima.</p>
      ${refusal(withoutCode, 'Isian Anda masih ada di bawah.')}
      <form method="post" action="/tata-usaha/serah-terima/${id}">
        <label for="penerima-tanpa-kode-${id}">Diambil oleh (nama penerima)</label>
        <input type="text" id="penerima-tanpa-kode-${id}" name="penerima" required minlength="3" maxlength="120" value="${withoutCode?.collector ?? ''}">
        <label for="identitas-${id}">Identitas yang diperiksa (jenis dan nomor)</label>
        <input type="text" id="identitas-${id}" name="identitas" required minlength="5" maxlength="200" placeholder="KTP 6472xxxxxxxxxxxx; surat kuasa bermeterai" value="${withoutCode?.identity ?? ''}">
        <label for="catatan-tanpa-kode-${id}">Catatan (boleh kosong)</label>
        <input type="text" id="catatan-tanpa-kode-${id}" name="catatan" maxlength="300" value="${withoutCode?.note ?? ''}">
        <label for="kode-autentikator-${id}">Kode autentikator Anda (6 angka), sebagai pengganti kode tanda terima</label>
        <input type="text" id="kode-autentikator-${id}" name="kode_autentikator" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code">
        ${demoCode ? html`<p class="notice">Mode demo: kode autentikator Anda saat ini <strong class="kode-demo">${demoCode}</strong> (berganti tiap 30 detik).</p>` : ''}
        <button type="submit">Catat penyerahan tanpa kode tanda terima</button>
      </form>
    </details></section>`;
}

const notFound = (c: Context, what: string) =>
  c.html(
    page(
      `${what} tidak ditemukan`,
      html`<p class="error">${what} tidak ditemukan.</p><p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`,
    ),
    statusOf('not-found'),
  );

/** A step's page whose link its case's failure retired (numbering, handover): why, and nothing to act on. */
const failedPage = (c: Context, message: string) =>
  c.html(
    page(
      'Berkas gagal diproses',
      html`<p class="notice">${message}</p><p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`,
    ),
  );

/**
 * The numbering step: while it waits, the number each document will be given (the register's next,
 * unless someone numbers first) and the form; once approved, the number given with the stamped
 * copies, or a page that reloads itself while the workflow numbers. Reading it changes nothing.
 */
function numberingPage(rt: Runtime) {
  return (c: Context) => showNumberingPage(c, rt);
}

/** A refused signing factor on the numbering form: the reason, and the note as typed. */
interface RefusedNumbering {
  refusal: string;
  note: string;
  status: ReturnType<typeof httpStatus>;
}

async function showNumberingPage(c: Context, rt: Runtime, refused?: RefusedNumbering) {
  const view = await showNumbering(rt, c.req.param('linkId') ?? '');
  if (!view) return notFound(c, 'Langkah pemberian nomor');
  const { link, record } = view;
  // Retired by its case's failure: nothing is numbered, and the page must not wait for a number.
  if (view.failed) return failedPage(c, view.failed);
  const waiting = link.status === 'waiting';
  const ready = !waiting && view.documents.every((doc) => doc.stamped);
  const official = signedIn(c);
  return c.html(
    page(
      waiting
        ? `Beri nomor registrasi: berkas ${record?.fileNumber ?? ''}`
        : `Nomor registrasi berkas ${record?.fileNumber ?? ''}`,
      html`${refused ? html`<p class="error" role="alert" id="penolakan">${refused.refusal} Catatan Anda masih ada di bawah.</p>` : ''}
          ${waiting ? '' : ready ? html`<p class="ok" role="status">Nomor registrasi sudah diberikan dan dibubuhkan pada setiap rangkap.</p>` : html`<meta http-equiv="refresh" content="3"><p class="ok" role="status">Persetujuan tercatat.</p><p class="notice">Nomor sedang diberikan dan dibubuhkan pada rangkap dokumen. Halaman ini dimuat ulang sendiri; atau <a href="${numberingPageAddress(link.linkId)}">muat ulang</a>.</p>`}
          <dl>
            <dt>Berkas</dt><dd>${record?.fileNumber ?? link.caseId} · ${record?.applicant.name ?? ''}</dd>
            <dt>SOP</dt><dd>${view.sop.id}: ${view.sop.title}</dd>
            <dt>Langkah</dt><dd>${link.step}${waiting ? ` (menunggu sejak ${wita(link.createdAt)})` : ''}</dd>
          </dl>
          <h2>Dokumen yang diberi nomor</h2>
          ${view.documents.map((doc) => numberedDocument(link.caseId, doc, waiting))}
          ${attachmentSection(link.caseId, view.attachments)}
          ${
            waiting
              ? numberingForm(
                  view,
                  signingFactorOf(view.sop, link, rt.config.signer),
                  { code: await demoCodeFor(rt, official), passphrase: rt.config.bsre?.trialPassphrase },
                  refused?.note ?? '',
                )
              : html`<p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`
          }`,
    ),
    refused?.status ?? 200,
  );
}

function numberedDocument(caseId: string, doc: NumberingView['documents'][number], waiting: boolean) {
  return html`<section class="card"><p><strong>${doc.title}</strong> (${doc.register})</p>
    ${
      doc.given
        ? html`<p>Nomor yang diberikan: <strong class="nomor nomor-diberikan">${doc.given}</strong></p>`
        : waiting && doc.next
          ? html`<p>Nomor yang akan diberikan: <strong class="nomor nomor-berikut">${doc.next}</strong></p>
            <p class="notice">Nomor ini berlaku bila tidak ada dokumen lain dari register yang sama diberi nomor lebih dahulu, dan bulan serta tahunnya mengikuti hari nomor itu diberikan; nomor baru diambil saat Anda menyetujui, tanpa nomor yang terlewat.</p>`
          : html`<p>Nomor sedang diberikan.</p>`
    }
    ${doc.state && (waiting || doc.stamped) ? html`<p>${waiting ? 'Rangkap sebelum diberi nomor' : 'Rangkap bernomor'}: ${downloadLinks(caseId, doc.state, doc.title)}</p>` : ''}
  </section>`;
}

function numberingForm(
  view: NumberingView,
  factor: 'code' | 'passphrase' | undefined,
  demo: Parameters<typeof signingFactorField>[2],
  note: string,
) {
  return html`<form method="post" class="card">
    <input type="hidden" name="decision" value="approve">
    ${signingFactorField(factor, 'untuk membubuhkan nomor', demo)}
    <label for="catatan">Catatan (boleh kosong)</label>
    <textarea id="catatan" name="catatan" rows="2" maxlength="2000">${note}</textarea>
    <button type="submit">Setuju dan beri nomor registrasi</button>
    <p>Untuk mengembalikan berkas atau mencatat hal lain, buka <a href="/a/${view.link.linkId}">halaman persetujuan langkah ini</a>.</p>
  </form>`;
}

const NUMBERING_FIELDS = ['decision', 'kode', 'passphrase', 'catatan'];

/** The numbering form's POST: the step approved as its link would be, then the page that shows the number. */
function giveNumber(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  return async (c: Context) => {
    const linkId = c.req.param('linkId') ?? '';
    const form = await c.req.parseBody({ all: true }).catch(() => ({}) as PostedForm);
    try {
      const fieldsProblem = formFieldsProblem(form, (name) => NUMBERING_FIELDS.includes(name));
      if (fieldsProblem) throw refusal(fieldsProblem);
      if (form.decision !== 'approve' || !(await showNumbering(rt, linkId)))
        throw refusal('Langkah pemberian nomor ini tidak dikenal.');
      const note = typeof form.catatan === 'string' ? form.catatan : '';
      await takeDecision(
        rt,
        workflow,
        linkId,
        {
          decision: 'approve',
          note,
          actor: signedInOfficial(c)?.id,
          via: 'link',
          ...factorFromForm(form),
        },
        new Date(),
        officialsCode(rt, identity),
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // A wrong, missing or locked code (or its check busy): the same page again, the note as typed (a passphrase is never echoed).
      if (isCodeRefusal(error))
        return showNumberingPage(c, rt, {
          refusal: error.message,
          note: typeof form.catatan === 'string' ? form.catatan : '',
          status: httpStatus(error),
        });
      return refusedPage(c, 'Nomor tidak dapat diberikan', error, numberingPageAddress(linkId));
    }
    return c.redirect(numberingPageAddress(linkId), 303);
  };
}

const refusal = (message: string) => new ParafError('invalid', message);

/** A refused numbering or handover; a failed case's is titled as its link's page is ("Berkas gagal diproses"). */
function refusedPage(c: Context, title: string, error: ParafError, back: string) {
  return c.html(
    page(
      error.code === 'case-failed' ? 'Berkas gagal diproses' : title,
      html`<p class="error" role="alert">${error.message}</p><p><a href="${back}">Kembali</a></p>`,
    ),
    httpStatus(error),
  );
}

/** A copy (1, 2, 3) or the DOCX draft ("draf") of a case's document, as a download. */
function download(rt: Runtime) {
  return async (c: Context) => {
    const wanted = c.req.param('copy') ?? '';
    const caseId = c.req.param('caseId') ?? '';
    const docx = wanted === 'draf';
    const file = /^[A-Za-z0-9_-]{8,64}$/.test(caseId)
      ? await getDocumentFile(rt, caseId, c.req.param('kind') ?? '', docx ? { draft: true } : { copy: wanted })
      : undefined;
    if (!file) return notFound(c, 'Dokumen');
    return c.body(file.bytes, 200, {
      'content-type': docx
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
      'content-disposition': `attachment; filename="${docx ? draftFileName(file.kind, file.fileNumber) : copyFileName(file.kind, file.fileNumber, wanted)}"`,
    });
  };
}

/** The handover's confirmation: who collected which numbers when, and the Bukti Serah Terima to print. */
function handoverConfirmation(rt: Runtime) {
  return async (c: Context) => {
    const shown = await showHandover(rt, c.req.param('linkId') ?? '');
    if (!shown) return notFound(c, 'Penyerahan');
    if ('failed' in shown) return failedPage(c, shown.failed);
    // Opened again after a refused handover (the form's address): the form is on the work page.
    if ('open' in shown) return c.redirect(`/tata-usaha#penerima-${c.req.param('linkId') ?? ''}`, 303);
    const { record, receipt } = shown;
    return c.html(
      page(
        `Penyerahan tercatat: ${record?.fileNumber ?? ''}`,
        html`<p class="ok" role="status">Penyerahan tercatat: diterima oleh <strong>${shown.collector}</strong> pada ${wita(shown.at)}.</p>
          <dl>
            <dt>Berkas</dt><dd>${record?.fileNumber ?? shown.caseId} · ${record?.applicant.name ?? ''}</dd>
            <dt>Diterima oleh</dt><dd>${shown.collector}</dd>
            <dt>Waktu</dt><dd>${wita(shown.at)}</dd>
            <dt>Nomor registrasi</dt><dd>${shown.numbers.map((n) => html`<strong class="nomor">${n.number}</strong> (${n.title})<br>`)}</dd>
            <dt>Catatan</dt><dd>${shown.note}</dd>
          </dl>
          ${
            !receipt
              ? ''
              : receipt.ready
                ? html`<p><a href="/tata-usaha/unduh/${shown.caseId}/${receipt.kind}/1">Cetak ${receipt.title} (PDF)</a>: ditandatangani penerima saat menerima izin.</p>`
                : html`<meta http-equiv="refresh" content="3"><p class="notice">${receipt.title} sedang disiapkan. Halaman ini dimuat ulang sendiri; atau <a href="/tata-usaha/serah-terima/${c.req.param('linkId')}">muat ulang</a>.</p>`
          }
          <p><a href="/tata-usaha">Kembali ke Tata Usaha</a></p>`,
      ),
    );
  };
}

const HANDOVER_FIELDS = ['penerima', 'kode', 'identitas', 'kode_autentikator', 'catatan'];

/** The handover form's POST: who collected the permit, against which receipt code; then its confirmation. */
function handover(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  return async (c: Context) => {
    const linkId = c.req.param('linkId') ?? '';
    const form = await c.req.parseBody({ all: true }).catch(() => ({}) as PostedForm);
    try {
      const fieldsProblem = formFieldsProblem(form, (name) => HANDOVER_FIELDS.includes(name));
      if (fieldsProblem) throw new ParafError('invalid', fieldsProblem);
      await recordHandover(
        rt,
        workflow,
        linkId,
        {
          collector: typeof form.penerima === 'string' ? form.penerima : '',
          receiptCode: typeof form.kode === 'string' ? form.kode.trim().toUpperCase() : '',
          identity: typeof form.identitas === 'string' ? form.identitas : undefined,
          factorCode: typeof form.kode_autentikator === 'string' ? form.kode_autentikator : undefined,
          note: typeof form.catatan === 'string' ? form.catatan : '',
          actor: signedInOfficial(c)?.id,
        },
        officialsCode(rt, identity),
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // What was typed is wrong (a code, the name, the identity): the list again, that card with the reason and the rest kept.
      if (error.code === 'invalid' || isCodeRefusal(error))
        return showWorkPage(c, rt, {
          linkId,
          collector: typeof form.penerima === 'string' ? form.penerima : '',
          note: typeof form.catatan === 'string' ? form.catatan : '',
          identity: typeof form.identitas === 'string' ? form.identitas : undefined,
          refusal: error.message,
          status: httpStatus(error),
        });
      return refusedPage(c, 'Penyerahan tidak dapat dicatat', error, '/tata-usaha');
    }
    return c.redirect(`/tata-usaha/serah-terima/${linkId}`, 303);
  };
}
