import { endSentence } from '#staff/end-sentence.ts';
import { signingFactorField } from './signing-factor-field.ts';
import { laneAsked } from '#sop/lane-asked.ts';
import type { Sop } from '#sop/schema.ts';
import { html } from 'hono/html';
import { allowedRoutes, lettersToSign, returnTarget } from '#cases/rules/allowed-routes.ts';
import type { ApprovalLink, ApprovalView } from '#cases/show-approval.ts';
import { DOCUMENT_KINDS, draftSchemaOf, prefillSources } from '#documents/kinds/index.ts';
import { draftedKinds, type Drafting } from '#cases/prepare-drafts.ts';
import type { DraftDifference } from '#cases/draft-differences.ts';
import { draftForm, fieldAnchor } from './draft-form.ts';
import { breakAfterSlashes, page, wita } from './page.ts';
import { numberingPageAddress } from './tata-usaha-routes.ts';
import { complaintSection, requirementNumbersSection, rightsSection } from './applicant-notes.ts';
import { APPLICANT_FIELDS, type ApplicantKey } from '#cases/applicant-fields.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { earliestScheduledDay, scheduledDay } from '#clock/scheduled-day.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { copyWord } from '#documents/copies.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { attachmentSection, correctionUploadForm } from './attachment-routes.ts';

/**
 * What a link asks of its official, as its page heads it and the task list names it: the letter's
 * signature where the office's signer signs one at that step (the step's own title names another's work).
 */
export function stepAsked(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>): string {
  if (link.purpose === 'applicant-correction') return 'Catat penerimaan berkas perbaikan dari pemohon';
  const toSign = lettersToSign(sop, link);
  if (toSign.length > 0) return `Tanda tangan ${toSign.map((doc) => doc.title).join(', ')}`;
  return sop.steps.find((s) => s.no === link.step)?.title ?? `Langkah ${link.step}`;
}

/** What the case does to the permit it was started against, as its approval page heads it (from the catalog, not the title). */
function permitRole(sop: Sop): string {
  const effects = sop.documents.map((doc) => doc.permitEffect);
  if (effects.includes('revokes')) return 'Izin yang dicabut';
  if (effects.includes('recommends-revocation')) return 'Izin yang direkomendasikan untuk dicabut';
  return sop.permitRole ?? 'Izin yang menjadi dasar berkas ini';
}

/**
 * An e-mailed link whose step is decided: what was decided, by whom and when, and the way on (the
 * official's own tasks), so that an old e-mail opened after a send-back is not a dead end.
 */
export function decidedPage(link: ApprovalLink, sop: Sop, officialName: (id: string) => string | undefined) {
  const decision = link.decision ?? {};
  const at = typeof decision.at === 'string' ? ` pada ${wita(decision.at)}` : '';
  // The applicant's confirmation on their own page (with their receipt code) decides the loket's link under the loket's id.
  const byApplicant = (decision.factor as { kind?: unknown } | undefined)?.kind === 'receipt-code';
  const name = byApplicant
    ? 'pemohon sendiri di halaman pemohon'
    : typeof decision.by === 'string'
      ? officialName(decision.by)
      : undefined;
  // A sibling link closed by another official's decision keeps that official as its `by`.
  const other = typeof decision.supersededBy === 'string' ? 'pejabat lain yang juga diminta' : '';
  const who = name && other ? `${name} (${other})` : (name ?? other);
  const by = who && ` oleh ${who}`;
  return page(
    'Sudah diputuskan',
    html`<p class="notice">Langkah ${link.step} berkas ini sudah ${decidedAs(decision, sop)}${by}${at}. Tidak ada yang diubah.</p>
      <p>Bila berkas ini kembali kepada Anda, tautan barunya dikirim lewat e-mail dan tampil di <a href="/tugas">Tugas saya</a>.</p>`,
  );
}

/** A decision's route as a person reads it; a send-back names whom it reached, as its button did. */
function decidedAs(decision: Record<string, unknown>, sop: Sop): string {
  if (typeof decision.supersededBy === 'string') return 'diputuskan';
  const route = typeof decision.route === 'string' ? decision.route : '';
  if (route === 'approve') return 'disetujui';
  if (route === 'reject') return 'ditolak';
  const to = route.startsWith('return:') ? route.slice('return:'.length) : undefined;
  if (to === 'applicant') return `dikembalikan ke ${returnTarget(sop, 'applicant')}`;
  if (to && /^\d+$/.test(to)) return `dikembalikan ke ${returnTarget(sop, Number(to))}`;
  return 'diputuskan';
}

/**
 * The applicant's own step is theirs, on the applicant page (web/applicant-routes.ts) with the survey; the
 * front office, signed in, may still record it here for an applicant who has no e-mail and does not come back.
 */
function applicantStepNote(fileNumber: string | undefined, mayAct: boolean) {
  const url = `/pemohon?berkas=${encodeURIComponent(fileNumber ?? '')}`;
  return html`<p class="notice" role="note" id="langkah-pemohon">Langkah ini dikerjakan pemohon sendiri di <a href="${url}">halaman pemohon</a>: pemohon membukanya dari tautan pada e-mail, atau dari Cek status dengan nomor berkas dan kode tanda terima, lalu mengonfirmasi penerimaan surat izin dan mengisi survei kepuasan. Pemohon tanpa e-mail dapat membukanya di loket dengan kode pada tanda terimanya${mayAct ? '; bila pemohon tidak dapat melakukannya, catat penerimaannya di sini atas namanya (tanpa survei)' : ''}.</p>`;
}

/** Who is looking, and what the page may offer them. */
export interface ConfirmationOptions {
  /** The official the link is for (at the applicant's own step, the front office acting for them): forms, drafts and history are theirs only. */
  mayAct: boolean;
  signedInAs?: string;
  /** The one signed in is the official the step was asked of, recorded as away: the deputy decides meanwhile. */
  signedInAway?: boolean;
  /** The handover: recorded on Tata Usaha's page, never here. */
  handover: boolean;
  /** Approving signs: the signer's authenticator code is asked, or with BSrE their passphrase (signing-steps.ts). */
  factor?: 'code' | 'passphrase' | undefined;
  /** The demo sign-in shows the code of this moment. */
  demoCode?: string;
  /** `npm start`'s BSrE stand-in shows the passphrase it accepts. */
  trialPassphrase?: string | undefined;
  /** The permit the case acts on and the drafts' starting data and signers (cases/prepare-drafts.ts). */
  drafting?: Drafting;
  /** A correction's files go straight to the uploads bucket (cases/issue-upload-form.ts), not in the form's body. */
  directUploads?: boolean;
  /**
   * After a refused save, a row added or removed, or a refused signing code: what was typed (the
   * drafts' values where the form had drafts), the problems by field name, and the refusal's reason.
   */
  typed?: {
    values?: Record<string, unknown>;
    problems: Record<string, string>;
    checked?: boolean;
    note?: string;
    /** A refused signing code's reason (the only refusal that shows the form again): said at the top and at the field. */
    refusal?: string;
  };
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one page template: the approval page's sections in reading order
export function confirmationPage(view: ApprovalView, options: ConfirmationOptions = { mayAct: true, handover: false }) {
  const { link, sop, record, official } = view;
  // An official since taken out of the staff directory is not named by their id, which means nothing to a reader.
  const askedOf = official?.name ?? 'pejabat yang tidak lagi terdaftar di Paraf';
  const stand = view.acting?.standsInFor;
  const events = options.mayAct ? view.events : [];
  const states = options.mayAct ? view.states : [];
  const step = sop.steps.find((s) => s.no === link.step);
  const lane = laneAsked(sop, link.lane);
  const routes = allowedRoutes(sop, link);
  const returns = routes.filter((r) => r.route.startsWith('return:'));
  const approve = routes.find((r) => r.route === 'approve') ?? { route: 'approve', label: 'Setuju' };
  const drafted = sop.documents.filter((doc) => draftedKinds(sop, link).includes(doc.kind));
  const what = stepAsked(sop, link);
  const draftValues = options.typed?.values ?? options.drafting?.values ?? {};
  const problems = options.typed?.problems ?? {};
  const permit = options.drafting?.permit;
  const sources = new Map(
    drafted.map((doc) => [
      doc.kind,
      prefillSources(sop, doc.kind, record?.form.documents?.[doc.kind], record?.form.facts),
    ]),
  );
  const prefilled = drafted.filter((doc) => sources.get(doc.kind)?.sop);
  const fromChecklist = drafted.filter((doc) => sources.get(doc.kind)?.checklist);
  // Later steps whose date the drafted documents set (the inspection on the Surat Tugas's date).
  const scheduled = sop.steps.flatMap(({ no, scheduledBy }) =>
    scheduledBy && drafted.some((doc) => doc.kind === scheduledBy.document) ? [{ no, scheduledBy }] : [],
  );
  const scheduledHere = step && scheduledDay(step, record?.form.documents);
  // The SOP's own warning, on every step it applies to (all of them unless it names steps).
  const warnings = (sop.sections.peringatan ?? [])
    .filter((w) => !w.steps || w.steps.includes(link.step))
    .map((w) => w.text);
  // The applicant's own step (receiving the permit): what the handover tells them, and where to complain.
  const applicantStep =
    link.purpose === 'step' &&
    step?.kind === 'applicant-action' &&
    sop.lanes.find((lane) => lane.id === step.lane)?.external === true;
  // The applicant's files, for staff: at the top where the step checks them or a correction brings them, else after the drafts.
  const checksFiles =
    step?.kind === 'verification' || step?.kind === 'front-office-check' || link.purpose === 'applicant-correction';
  const files =
    options.mayAct && !applicantStep
      ? html`${attachmentSection(link.caseId, view.attachments, { previews: checksFiles })}${link.purpose === 'applicant-correction' ? correctionUploadForm(link.linkId, view.attachments, options.directUploads ?? false) : ''}`
      : '';
  return page(
    `Langkah ${link.step}: ${what}`,
    html`${options.mayAct ? sendBackNotice(view) : ''}<dl>
        <dt>SOP</dt><dd>${sop.id}: ${sop.title}</dd>
        <dt>Berkas</dt><dd>${record?.fileNumber ?? link.caseId} · ${record?.applicant.name ?? ''}</dd>
        ${permit ? html`<dt>${permitRole(sop)}</dt><dd id="izin-berkas">${permit.title} Nomor ${permit.number} tanggal ${formatTanggal(permit.issuedOn)}, atas nama ${permit.holder}${permit.nib ? `, NIB ${permit.nib}` : ''}${permit.status === 'dicabut' ? ' (sudah dicabut)' : ''}</dd>` : ''}
        <dt>Diminta kepada</dt><dd>${askedOf} (${lane})</dd>
        ${stand ? html`<dt>Dikerjakan oleh</dt><dd>${view.acting?.official.name} (${CAPACITY_TITLE[stand.as]}), selama ${askedOf} tidak hadir sampai ${formatTanggal(stand.until)}</dd>` : ''}
        ${step?.question ? html`<dt>Pertanyaan</dt><dd>${step.question}</dd>` : ''}
        ${scheduledHere ? html`<dt>Dijadwalkan pada</dt><dd>${formatTanggal(scheduledHere)} (${step.scheduledBy?.label})</dd>` : ''}
        <dt>Batas waktu langkah</dt><dd>${wita(record?.current?.step === link.step ? record.current.dueAt : null)}</dd>
        <dt>Tautan berlaku sampai</dt><dd>${wita(link.expiresAt)}</dd>
      </dl>
      ${options.typed?.refusal ? html`<p class="error" role="alert" id="penolakan">${options.typed.refusal} ${drafted.length ? 'Catatan dan isian draf Anda masih ada di bawah.' : 'Catatan Anda masih ada di bawah.'}</p>` : ''}
      ${Object.keys(problems).length ? html`<div class="error" role="alert"><p>Draf belum disimpan; tidak ada yang diubah. Perbaiki isian yang ditandai:</p><ul>${Object.entries(problems).map(([name, problem]) => html`<li><a href="#${fieldAnchor(name)}">${problem}</a></li>`)}</ul></div>` : ''}
      ${warnings.map((text) => html`<p class="notice" role="note"><strong>Peringatan SOP:</strong> ${text}</p>`)}
      ${applicantStep ? html`${rightsSection(sop)}${complaintSection(sop)}` : ''}
      ${step?.kind === 'registration-number' && options.mayAct ? html`<p class="notice">Nomor yang akan diberikan, lalu nomor yang diberikan beserta rangkap bernomor, tampil di <a href="${numberingPageAddress(link.linkId)}">halaman pemberian nomor Tata Usaha</a>.</p>` : ''}
      ${checksFiles && options.mayAct && record ? applicationChecked(record, sop) : ''}
      ${checksFiles ? files : ''}
      ${options.mayAct ? differencesNotice(options.drafting?.differences ?? []) : ''}
      ${
        !options.mayAct
          ? ''
          : states.length
            ? html`<h2 id="dokumen">${documentsHeading(states)}</h2>
            <p><a href="#keputusan">Langsung ke Keputusan</a>, melewati pratinjau dokumen</p>
            ${states.map((state) => {
              const title = sop.documents.find((doc) => doc.kind === state.kind)?.title ?? state.kind;
              const url = `/a/${link.linkId}/dokumen/${state.kind}`;
              // A phone shows no PDF inside a frame: the link opens it in the phone's own viewer.
              return html`<p><a class="button" href="${url}" target="_blank" rel="noopener">Buka PDF: ${title} (${copyWord(1, state.copies.length)})<span class="tersembunyi">, di tab baru</span></a></p><iframe class="pdf-preview" src="${url}" title="${title}"></iframe>`;
            })}`
            : html`<p class="notice">Belum ada draf dokumen pada berkas ini.</p>`
      }
      ${checksFiles ? '' : files}
      <h2 id="keputusan" tabindex="-1">Keputusan</h2>
      ${applicantStep ? applicantStepNote(record?.fileNumber, options.mayAct) : ''}
      ${
        !options.mayAct
          ? html`<p class="notice" role="note">Langkah ini diminta kepada <strong>${askedOf}</strong>${askedOf.endsWith('.') ? '' : '.'} ${
              !official
                ? `Tautan ini tidak dapat dipakai lagi. ${view.heldNowBy ? `Langkah ini sekarang ada pada ${endSentence(view.heldNowBy)}` : 'Bila langkah ini masih menunggu, langkah ini diminta kepada pejabat penggantinya paling lambat saat pengingatnya dikirim, lalu ada di Tugas saya pejabat itu.'}`
                : options.signedInAway && stand
                  ? html`Anda tercatat tidak hadir sampai ${formatTanggal(stand.until)}; selama itu langkah ini dikerjakan oleh ${view.acting?.official.name} (${CAPACITY_TITLE[stand.as]}), yang melihat berkas dan drafnya. Untuk memutuskan sendiri, akhiri dulu ketidakhadiran Anda di halaman <a href="/ketidakhadiran">Ketidakhadiran</a>.`
                  : options.signedInAs
                    ? html`Anda masuk sebagai ${options.signedInAs}: halaman ini hanya dapat dibaca, dan tidak ada yang diubah. <a href="/masuk?lanjut=${encodeURIComponent(`/a/${link.linkId}`)}">Masuk sebagai ${stand ? view.acting?.official.name : askedOf}</a> untuk memutuskan.`
                    : html`<a href="/masuk?lanjut=${encodeURIComponent(`/a/${link.linkId}`)}">Masuk</a> sebagai ${stand ? `${view.acting?.official.name} (${CAPACITY_TITLE[stand.as]})` : 'pejabat tersebut'} untuk membuka draf dan memutuskan.`
            }</p>`
          : options.handover
            ? html`<p class="notice" role="note">Penyerahan izin dicatat di halaman <a href="/tata-usaha">Tata Usaha</a> dengan kode tanda terima yang dibawa pemohon.</p>`
            : html`
      <form method="post" class="card">
        <input type="hidden" name="decision" value="approve">
        ${scheduled.map((s) => html`<p class="notice">${s.scheduledBy.label} menentukan tanggal langkah ${s.no}: paling cepat ${formatTanggal(earliestScheduledDay(officeClock(), s.scheduledBy, new Date()))} (SOP: "${s.scheduledBy.asWritten}").</p>`)}
        ${
          drafted.length
            ? html`<h2>Isi draf dokumen</h2>
              <p class="bantuan">Isian disimpan saat tombol ${approve.label} ditekan. <button type="submit" name="baris" value="periksa" class="secondary" formnovalidate>Periksa isian tanpa menyimpan</button></p>
              ${options.typed?.checked && !Object.keys(problems).length ? html`<p class="ok" role="status">Semua isian draf sudah benar; belum disimpan sampai tombol ${approve.label} ditekan.</p>` : ''}
              ${fromChecklist.length ? html`<p class="notice" id="dari-loket">Sebagian isian ${fromChecklist.map((doc) => doc.title).join(', ')} sudah diisi dari keadaan permohonan yang dicatat loket; periksa dan ubah bila perlu.</p>` : ''}
              ${prefilled.length ? html`<p class="notice">"Mengingat" pada ${prefilled.map((doc) => doc.title).join(', ')} sudah diisi dari Dasar Hukum SOP ${sop.id}; ubah bila perlu.</p>` : ''}
              ${drafted.map((doc) =>
                draftForm({
                  kind: doc.kind,
                  title: doc.title,
                  schema: draftSchemaOf(doc.kind) ?? DOCUMENT_KINDS[doc.kind]?.schema,
                  labels: DOCUMENT_KINDS[doc.kind]?.labels ?? {},
                  values: draftValues[doc.kind],
                  problems,
                  signer: options.drafting?.signers[doc.kind],
                }),
              )}`
            : ''
        }
        ${signingFactorField(
          options.factor,
          step?.kind === 'paraf-review' ? 'untuk membubuhkan paraf' : 'untuk menandatangani',
          { code: options.demoCode, passphrase: options.trialPassphrase },
          options.typed?.refusal,
        )}
        <label for="note-approve">Catatan (boleh kosong)</label>
        <textarea id="note-approve" name="note" rows="2" maxlength="2000">${options.typed?.note ?? ''}</textarea>
        <button type="submit">${
          applicantStep
            ? 'Catat penerimaan atas nama pemohon'
            : step?.kind === 'registration-number' && approve.label === 'Setuju'
              ? 'Setuju dan beri nomor registrasi'
              : approve.label
        }</button>
      </form>
      ${
        returns.length
          ? html`<form method="post" class="card">
            <input type="hidden" name="decision" value="return">
            <label for="returnTo">Kembalikan ke</label>
            <select id="returnTo" name="returnTo" required aria-describedby="returnTo-bantuan">
              ${returns.map((r) => html`<option value="${r.route.slice('return:'.length)}">${returnChoice(sop, link.step, r.route, view.returnHolders?.[r.route]).short}</option>`)}
            </select>
            <ul class="bantuan" id="returnTo-bantuan">
              ${returns.map((r) => {
                const choice = returnChoice(sop, link.step, r.route, view.returnHolders?.[r.route]);
                return html`<li>${choice.full}</li>`;
              })}
            </ul>
            <label for="note-return">Alasan pengembalian (wajib)</label>
            <textarea id="note-return" name="note" rows="3" maxlength="2000" minlength="3" required></textarea>
            <button type="submit" class="secondary">Kembalikan</button>
          </form>`
          : ''
      }
      ${
        routes.some((r) => r.route === 'reject')
          ? html`<form method="post" class="card">
            <input type="hidden" name="decision" value="reject">
            <label for="note-reject">${link.purpose === 'applicant-correction' ? 'Alasan berkas ditutup (wajib)' : 'Alasan penolakan (wajib)'}</label>
            <textarea id="note-reject" name="note" rows="3" maxlength="2000" minlength="3" required></textarea>
            <button type="submit" class="danger">${routes.find((r) => r.route === 'reject')?.label}</button>
          </form>`
          : ''
      }`
      }
      ${
        options.mayAct
          ? html`<h2>Riwayat berkas</h2>
      <div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Waktu</th><th scope="col">Langkah</th><th scope="col">Oleh</th><th scope="col">Tindakan</th><th scope="col">Catatan</th></tr></thead>
        <tbody>${events.map((e) => html`<tr><td data-label="Waktu">${wita(e.at)}</td><td data-label="Langkah">${e.step ?? '-'}</td><td data-label="Oleh">${e.actor?.name ?? '-'}</td><td data-label="Tindakan">${e.action}</td><td data-label="Catatan">${e.notes || '-'}</td></tr>`)}</tbody>
      </table></div>`
          : ''
      }`,
  );
}

/**
 * A send-back as the select offers it: short enough for a phone's closed select, which cuts its text
 * unseen ("Langkah 7 · Rina Marlina, S.Kom."), with the step's answer first where the SOP asks a
 * question; in full, under the select, with the role it reaches, or the lane the applicant is reached through.
 */
function returnChoice(sop: Sop, from: number, route: string, holder: string | undefined) {
  const to = route.slice('return:'.length);
  const sendBack = sop.steps.find((s) => s.no === from)?.returns.find((r) => String(r.to) === to);
  const laneLabel = (id: string | undefined) => sop.lanes.find((lane) => lane.id === id)?.label;
  const prefix = sendBack?.answer ? `${sendBack.answer} · ` : '';
  if (to === 'applicant') {
    const through = laneLabel(sendBack?.via);
    return { short: `${prefix}Pemohon`, full: `${prefix}Pemohon${through ? `, melalui ${through}` : ''}` };
  }
  const where = `${prefix}Langkah ${to}`;
  const role = laneLabel(sop.steps.find((s) => String(s.no) === to)?.lane);
  return {
    short: holder ? `${where} · ${holder}` : where,
    full: `${where}: ${[role, holder].filter(Boolean).join(', ')}`,
  };
}

/** What the drafts say otherwise than the file (holder, date), before the official decides on them. */
function differencesNotice(differences: readonly DraftDifference[]) {
  if (!differences.length) return '';
  return html`<div class="notice" role="note" id="beda-berkas">
      <p><strong>Periksa sebelum memutuskan:</strong> draf berbeda dengan berkas yang dicatat loket.</p>
      <ul>${differences.map((d) => html`<li>${d.document}: ${d.text}.</li>`)}</ul>
      <p>Bila bukan perbaikan yang disengaja, kembalikan berkas untuk diperbaiki.</p>
    </div>`;
}

/** The send-back that brought the file here, first on the page: who returned it, in which role, when, and why. */
function sendBackNotice({ sendBack, link }: ApprovalView) {
  if (!sendBack) return '';
  // At the wait for a correction the file went back to the applicant; the front office only takes it in again.
  const to = link.purpose === 'applicant-correction' ? 'kepada pemohon untuk diperbaiki' : 'kepada Anda';
  return html`<section class="notice send-back" role="note" aria-labelledby="send-back-title">
    <h2 id="send-back-title">Berkas dikembalikan ${to}</h2>
    <p>Dikembalikan oleh <strong>${sendBack.by}</strong> (${sendBack.role}, langkah ${sendBack.fromStep}) pada ${wita(sendBack.at)}.</p>
    <p><strong>Alasan:</strong> ${sendBack.reason || '-'}</p>
  </section>`;
}

/**
 * The checklist's questions as the counter answered them: they decide which requirements apply,
 * so the checker sees why an item is asked or left out.
 */
function factsAnswered(record: NonNullable<ApprovalView['record']>, sop: ApprovalView['sop']) {
  const facts = record.form.facts ?? {};
  const answered = sop.facts.filter((fact) => facts[fact.id] !== undefined);
  if (!answered.length) return '';
  const said = (value: unknown) => (value === true ? 'ya' : value === false ? 'tidak' : String(value));
  return html`<h3>Keadaan permohonan</h3>
    <ul id="keadaan-permohonan">${answered.map((fact) => html`<li>${fact.label}: <strong>${said(facts[fact.id])}</strong></li>`)}</ul>`;
}

/**
 * What the counter recorded, for the steps that check the application: the applicant as typed, and
 * each requirement handed in or not, as the receipt lists them (the checker needs no PDF for it). A
 * label may break after its slashes: API-U's "pengesahan/persetujuan/pemberitahuan" is wider than a
 * 360 px phone's list.
 */
function applicationChecked(record: NonNullable<ApprovalView['record']>, sop: ApprovalView['sop']) {
  const applicant = record.applicant as Partial<Record<ApplicantKey, unknown>>;
  const rows = APPLICANT_FIELDS.flatMap(({ key, label }) =>
    typeof applicant[key] === 'string' && applicant[key] ? [[label, applicant[key]] as const] : [],
  );
  return html`<h2>Permohonan yang dicatat loket</h2>
    <dl>${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
    ${factsAnswered(record, sop)}
    ${
      record.requirements.length
        ? html`<h3>Persyaratan</h3>
          <ul>${record.requirements.map((item) => html`<li>${item.id}. ${breakAfterSlashes(item.label)}: <strong>${item.handedIn ? 'ada' : 'tidak ada'}</strong></li>`)}</ul>
          ${requirementNumbersSection(record.requirements, sop)}`
        : ''
    }`;
}

/**
 * What the documents on the page are by now: drafts until the first paraf, then paraf'd or signed
 * (whether or not more are to come), then numbered (the permit; a receipt beside it takes no number).
 */
function documentsHeading(states: ApprovalView['states']): string {
  if (states.some((state) => state.number)) return 'Dokumen yang sudah ditandatangani dan bernomor';
  if (states.some((state) => state.signers.length)) return 'Dokumen yang sudah diparaf atau ditandatangani';
  return 'Draf dokumen';
}
