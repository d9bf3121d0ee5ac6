import { factorFromForm, isCodeRefusal, officialsCode } from './signing-factor-field.ts';
import { Hono, type Context } from 'hono';
import { formFieldsProblem, type PostedForm } from '#validation/form-fields.ts';
import { html } from 'hono/html';
import type { DecisionRequest } from '#cases/decide.ts';
import { FORM_LIMITS } from '#validation/form-limits.ts';
import { getLinkDraft } from '#cases/get-link-draft.ts';
import { showApproval, type ApprovalView } from '#cases/show-approval.ts';
import { refuseRetiredLink } from '#cases/rules/retired-link.ts';
import { prepareDrafts } from '#cases/prepare-drafts.ts';
import { showDestination, type Destination } from '#cases/show-destination.ts';
import { takeDecision } from '#cases/take-decision.ts';
import { draftDataProblem } from '#documents/check-draft-data.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { IKM_ELEMENTS, type SurveyAnswers } from '#survey/ikm.ts';
import { incompleteSurveyMessage, readSurveyForm } from '#survey/survey-form.ts';
import { describeJsonProblem, inspectJson } from '#validation/inspect-json.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { confirmationPage, type ConfirmationOptions, decidedPage } from './approval-page.ts';
import { errorBody, fail, httpStatus, isRefusal, statusOf } from './errors.ts';
import { numberingPageAddress } from './tata-usaha-routes.ts';
import { page } from './page.ts';
import { signedIn, type IdentityProvider } from '#identity/identity.ts';
import { demoCodeFor } from '#identity/local-sign-in.ts';
import { isHandover, signingFactorOf } from '#cases/rules/signing-steps.ts';
import { changeRows, draftProblems, readDraftValues, savedDrafts } from './draft-form-read.ts';
import { addCorrectionFiles, checkCorrectionLink, type CorrectionFile } from '#cases/add-correction-files.ts';
import { withClaimedUploads, type UploadReference } from '#cases/claim-uploads.ts';
import { MAX_UPLOADED_FILE_BYTES } from '#cases/issue-upload-form.ts';
import { checkAttachments, readUploadReferences } from './read-case-request.ts';
import { issueUploadRoute } from './upload-routes.ts';
import { endSentence } from '#staff/end-sentence.ts';
import { parseStrictJson, repeatedKeyMessage } from '#validation/repeated-json-key.ts';

/**
 * The e-mailed approval links. GET and HEAD only show what is asked (mail scanners open links);
 * a button's POST is the only thing that acts, and only once: links stay safe when a mail scanner opens them.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the link's route group: the page, the draft view and the decision share the page-building closures
export function approvalRoutes(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  const app = new Hono();
  const checkFactor = officialsCode(rt, identity);

  app.get('/:linkId', async (c) => {
    const shown = await showApproval(rt, c.req.param('linkId'));
    if (shown.state === 'unknown')
      return c.html(
        page(
          'Tautan tidak dikenal',
          html`<p class="error">Tautan ini tidak dikenal. Periksa kembali alamat dari e-mail Anda.</p>`,
        ),
        statusOf('not-found'),
      );
    if (shown.state === 'moved')
      return c.html(page('Berkas dipindahkan ke revisi SOP baru', html`<p class="notice">${shown.message}</p>`));
    if (shown.state === 'failed')
      return c.html(page('Berkas gagal diproses', html`<p class="notice">${shown.message}</p>`));
    if (shown.state === 'decided')
      return c.html(
        decidedPage(shown.link, rt.sopOf(shown.link), (id) => rt.staff.byId(id)?.name),
        200,
      );
    if (shown.state === 'expired')
      return c.html(
        page(
          'Tautan kedaluwarsa',
          html`<p class="error">Tautan ini sudah kedaluwarsa. Hubungi Tata Usaha untuk tautan baru.</p>`,
        ),
        statusOf('expired'),
      );
    return c.html(await openPage(c, shown.view));
  });

  /** The open link's page; `typed` after a refused save or a row added or removed (the page as typed). */
  const openPage = async (c: Context, view: ApprovalView, typed?: ConfirmationOptions['typed']) => {
    const { link, sop } = view;
    // The official it is for sees the forms, the drafts and the history; the applicant's own step is on /pemohon.
    const acts = signedIn(c)?.official.id === view.acting?.official.id;
    return confirmationPage(view, {
      mayAct: acts,
      signedInAs: signedIn(c)?.official.name,
      signedInAway: Boolean(view.acting?.standsInFor) && signedIn(c)?.official.id === link.officialId,
      handover: isHandover(sop, link),
      factor: acts ? signingFactorOf(sop, link, rt.config.signer) : undefined,
      trialPassphrase: rt.config.bsre?.trialPassphrase,
      demoCode: acts ? await demoCodeFor(rt, signedIn(c)) : undefined,
      drafting: await prepareDrafts(rt, view),
      directUploads: rt.config.uploads !== undefined,
      ...(typed ? { typed } : {}),
    });
  };

  /**
   * The drafting fields of a decision form. A row added or removed, or a draft that is not valid,
   * answers with the same page as typed (problems at their fields) and changes nothing.
   */
  const draftsOf = async (c: Context, form: Record<string, unknown> | undefined) => {
    if (!form || !Object.keys(form).some((name) => name.startsWith('dokumen') || name === 'baris')) return {};
    const values = readDraftValues(form);
    const rowChange = typeof form.baris === 'string' ? form.baris : undefined;
    // "periksa" (the form's first button, so also the Enter key's) checks what is typed and saves nothing.
    if (rowChange && rowChange !== 'periksa') changeRows(values, rowChange);
    const problems = rowChange && rowChange !== 'periksa' ? {} : draftProblems(values);
    if (!rowChange && Object.keys(problems).length === 0) return { documentData: savedDrafts(values) };
    const shown = await showApproval(rt, c.req.param('linkId') ?? '');
    // A retired link, or one of a failed case, gets the refusal a decision on it gets; the other states are refused here.
    if (shown.state === 'failed') throw new ParafError('case-failed', shown.message);
    if (shown.state === 'moved') refuseRetiredLink(shown.link);
    if (shown.state !== 'open')
      throw shown.state === 'decided'
        ? new ParafError('decided', 'Langkah ini sudah diputuskan.')
        : new ParafError(
            shown.state === 'expired' ? 'expired' : 'not-found',
            'Tautan ini tidak dikenal atau sudah kedaluwarsa.',
          );
    // A program gets the problems by field, not the form's page.
    if (!rowChange && c.req.header('accept')?.includes('application/json')) throw draftRefused(problems);
    const note = typeof form.note === 'string' ? form.note : undefined;
    return {
      page: c.html(
        await openPage(c, shown.view, {
          values,
          problems,
          checked: rowChange === 'periksa',
          ...(note ? { note } : {}),
        }),
        rowChange ? 200 : statusOf('invalid-document'),
      ),
    };
  };

  // The drafts the official is asked about, viewable in the page; reading them changes nothing.
  app.get('/:linkId/dokumen/:kind', async (c) => {
    const draft = await getLinkDraft(rt, c.req.param('linkId'), c.req.param('kind'), signedIn(c)?.official.id);
    if (draft === 'no-link') return refuseJson(c, 'Dokumen tidak ditemukan.');
    if (draft === 'no-draft') return refuseJson(c, 'Draf dokumen ini belum dibuat.');
    return c.body(draft.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${draft.kind}-rangkap-1.pdf"`,
    });
  });

  app.post('/:linkId/lampiran', correctionUploads(rt));
  // One correction file's upload form (presigned POST), for the link's holder only.
  app.post(
    '/:linkId/unggahan',
    issueUploadRoute(rt, async (c) => {
      await checkCorrectionLink(rt, c.req.param('linkId') ?? '', signedIn(c)?.official.id);
    }),
  );

  /**
   * A refused signing code (wrong, missing, or locked), or a draft the decision refused (a date too
   * early, a draft too large), on the approval form: the same page again, with the note and the drafts
   * as typed and the reason at the top, so nothing typed is lost. Any other refusal, or a link no
   * longer open, gets the refusal page.
   */
  const showFormAgain = async (c: Context, error: ParafError, form: Record<string, unknown> | undefined) => {
    if (form?.decision !== 'approve') return;
    const drafted = Object.keys(form).some((name) => name.startsWith('dokumen['));
    if (!isCodeRefusal(error) && !(drafted && error.code === 'invalid')) return;
    if (c.req.header('accept')?.includes('application/json')) return;
    const shown = await showApproval(rt, c.req.param('linkId') ?? '');
    if (shown.state !== 'open') return;
    const note = typeof form.note === 'string' ? form.note : undefined;
    return c.html(
      await openPage(c, shown.view, {
        ...(drafted ? { values: readDraftValues(form) } : {}),
        problems: {},
        ...(note ? { note } : {}),
        refusal: error.message,
      }),
      httpStatus(error),
    );
  };

  app.post('/:linkId', async (c) => {
    let said: string;
    let taken: { id: string; route: string };
    let form: PostedForm | undefined;
    try {
      form = await c.req.parseBody({ all: true }).catch(() => undefined);
      if (!form) throw invalid('Isian formulir tidak dapat dibaca.');
      const fieldsProblem = formFieldsProblem(form, (name) => DECISION_FIELDS.has(name) || name.startsWith('dokumen['));
      if (fieldsProblem) throw invalid(fieldsProblem);
      const drafts = await draftsOf(c, form);
      if (drafts.page) return drafts.page;
      const request: DecisionRequest = {
        ...readDecisionForm(form),
        ...(drafts.documentData ? { documentData: drafts.documentData } : {}),
        actor: signedIn(c)?.official.id,
        via: 'link',
        ...factorFromForm(form),
      };
      taken = await takeDecision(rt, workflow, c.req.param('linkId'), request, new Date(), checkFactor);
      said = request.decision === 'approve' ? 'disetujui' : request.decision === 'return' ? 'dikembalikan' : 'ditolak';
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return (await showFormAgain(c, error, form)) ?? (await decidedAlready(rt, c, error)) ?? refuse(c, error);
    }
    if (c.req.header('accept')?.includes('application/json')) return c.json({ decided: said, id: taken.id });
    const where = await showDestination(rt, c.req.param('linkId'), taken.route);
    return c.html(
      page(
        'Keputusan tercatat',
        html`<p class="ok">Terima kasih. ${whereItWent(said, where)}</p>${
          where.numbered
            ? html`<p class="notice" id="nomor-diberikan">Nomor registrasi akan diberikan oleh sistem sesaat lagi. Nomornya dan rangkap bernomor tampil di <a href="${numberingPageAddress(c.req.param('linkId'))}">halaman pemberian nomor</a>.</p>`
            : ''
        }<p><a href="/tugas">Kembali ke Tugas saya</a></p>`,
      ),
    );
  });

  return app;
}

const invalid = (message: string) => new ParafError('invalid', message);

/** A draft's problems as one refusal: the first few in its message, every one by field name in `fields`. */
function draftRefused(problems: Record<string, string>) {
  const all = Object.values(problems).map((message) => message.replace(/\.$/, ''));
  const more = all.length > 5 ? `; dan ${all.length - 5} isian lain` : '';
  return new ParafError('invalid-document', `Draf belum dapat disimpan: ${all.slice(0, 5).join('; ')}${more}.`, {
    details: { fields: problems },
  });
}

/**
 * A decision form sent again on a decided step (a reload, the back button, a second tab) shows the
 * browser what was decided, by whom and when, as the link itself now does: often the sender's own
 * decision, recorded the first time. Programs keep the `decided` refusal.
 */
async function decidedAlready(rt: Runtime, c: Context, error: ParafError) {
  if (error.code !== 'decided' || c.req.header('accept')?.includes('application/json')) return undefined;
  const shown = await showApproval(rt, c.req.param('linkId') ?? '');
  if (shown.state !== 'decided') return undefined;
  return c.html(
    decidedPage(shown.link, rt.sopOf(shown.link), (id) => rt.staff.byId(id)?.name),
    httpStatus(error),
  );
}

/**
 * A correction's files, at the front office's "terima berkas perbaikan" link: multipart, `tambah`
 * (files to add) and `ganti-<sha256>` (a file's replacement), checked as the counter checks its
 * files; or, sent by the page's script beforehand to the uploads bucket, their references
 * `unggahan-tambah` and `unggahan-ganti-<sha256>`. A refusal names what is wrong and changes nothing.
 */
function correctionUploads(rt: Runtime) {
  return async (c: Context) => {
    const linkId = c.req.param('linkId') ?? '';
    let saved: Awaited<ReturnType<typeof addCorrectionFiles>>;
    try {
      const { files, uploads } = await readCorrectionFiles(c);
      checkAttachments(files);
      saved = await withClaimedUploads(
        rt,
        uploads.map((upload) => upload.reference),
        (uploaded) => {
          checkAttachments(uploaded, MAX_UPLOADED_FILE_BYTES);
          const replacing = uploaded.map((file, i) => {
            const replaces = uploads[i]?.replaces;
            return replaces ? { ...file, replaces } : file;
          });
          return addCorrectionFiles(rt, linkId, { actor: signedIn(c)?.official.id, files: [...files, ...replacing] });
        },
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return c.html(
        page(
          'Lampiran tidak disimpan',
          html`<p class="error" role="alert">${error.message} Tidak ada lampiran yang diubah.</p><p><a href="/a/${linkId}">Kembali ke halaman langkah ini</a></p>`,
        ),
        httpStatus(error),
      );
    }
    const lines = [
      ...saved.added.map(
        (file) => html`<li>Ditambahkan: <strong>${file.name}</strong>, SHA-256 <code>${file.sha256}</code></li>`,
      ),
      ...saved.replaced.map(
        (r) =>
          html`<li>${r.old.name} diganti: <strong>${r.new.name}</strong>, SHA-256 <code>${r.new.sha256}</code></li>`,
      ),
    ];
    return c.html(
      page(
        'Lampiran perbaikan tersimpan',
        html`<p class="ok">Lampiran tersimpan dan dicatat dalam riwayat berkas.</p><ul class="lampiran">${lines}</ul>
          <p><a href="/a/${linkId}">Kembali ke halaman langkah ini</a> untuk mencatat penerimaan berkas perbaikan.</p>`,
      ),
    );
  };
}

/**
 * The upload form's fields; an empty file field (nothing chosen) is no file, and an unknown field is
 * refused by name. A file sent to the uploads bucket comes as its reference (JSON, read-case-request.ts).
 */
async function readCorrectionFiles(
  c: Context,
): Promise<{ files: CorrectionFile[]; uploads: { reference: UploadReference; replaces?: string }[] }> {
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
    throw invalid('Kirim lampiran perbaikan sebagai formulir unggah berkas (multipart/form-data).');
  const form = await c.req.parseBody({ all: true }).catch(() => undefined);
  if (!form) throw invalid('Formulir unggah tidak dapat dibaca.');
  const files: CorrectionFile[] = [];
  const uploads: { reference: UploadReference; replaces?: string }[] = [];
  for (const [name, value] of Object.entries(form)) {
    const [, uploaded, field = ''] = /^(unggahan-)?(.*)$/.exec(name) ?? [];
    const replaces = /^ganti-([0-9a-f]{64})$/.exec(field)?.[1];
    if (field !== 'tambah' && !replaces) throw invalid(`Isian tidak dikenal: ${name.slice(0, 80)}.`);
    const given = ([] as unknown[])
      .concat(value)
      .filter((file) => !(file === '' || (file instanceof File && !file.name && file.size === 0)));
    if (replaces && given.length > 1) throw invalid('Satu lampiran diganti dengan satu berkas.');
    if (uploaded) {
      if (given.some((item) => typeof item !== 'string')) throw invalid(`Isian "${name}" harus rujukan unggahan.`);
      for (const reference of readUploadReferences(given as string[]))
        uploads.push({ reference, ...(replaces ? { replaces } : {}) });
      continue;
    }
    if (given.some((file) => !(file instanceof File))) throw invalid(`Isian "${name}" harus berkas.`);
    for (const file of given as File[])
      files.push({
        name: file.name,
        contentType: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
        ...(replaces ? { replaces } : {}),
      });
  }
  return { files, uploads };
}

/** The decision and where it sent the file, in the confirmation's words ("dikembalikan ke ... (langkah 7)"). */
function whereItWent(said: string, where: Destination) {
  const to = where.target ? `${where.target}${where.holder ? `, kepada ${where.holder}` : ''}` : '';
  if (said === 'ditolak' && where.closedWithoutCorrection)
    return html`Berkas <strong>ditutup</strong> tanpa perbaikan pemohon, sesuai SOP.`;
  if (said === 'ditolak') return html`Langkah ini <strong>ditolak</strong>; berkas ditutup sesuai SOP.`;
  if (said === 'dikembalikan')
    return html`Langkah ini <strong>dikembalikan</strong>${to ? ` ke ${endSentence(to)}` : ' sesuai SOP.'}`;
  return html`Langkah ini <strong>disetujui</strong>; berkas diteruskan ${to ? `ke ${endSentence(to)}` : 'sesuai SOP.'}`;
}

/** The fields an approval page's form has: the decision, the drafting form's, the survey's and the signer's factor. */
const DECISION_FIELDS = new Set([
  'decision',
  'note',
  'returnTo',
  'documentData',
  'baris',
  'kode',
  'passphrase',
  'saran',
  ...IKM_ELEMENTS.map((element) => element.id),
]);

/** The decision form (its fields checked by name): the decision, its note, where a send-back goes, the drafter's data, the survey. */
function readDecisionForm(form: PostedForm): DecisionRequest {
  const decision = String(form.decision ?? '');
  if (decision !== 'approve' && decision !== 'return' && decision !== 'reject')
    throw invalid('Pilih keputusan: setujui, kembalikan, atau tolak.');
  const note = typeof form.note === 'string' ? form.note : undefined;
  const returnTo = typeof form.returnTo === 'string' ? form.returnTo : undefined;
  const documentData =
    typeof form.documentData === 'string' && form.documentData.trim() ? readDocumentData(form.documentData) : undefined;
  const survey = readSurvey(form);
  return { decision, note, returnTo, ...(documentData ? { documentData } : {}), ...(survey ? { survey } : {}) };
}

/** The drafter's data for the documents of a drafting step: JSON by kind, each checked against its schema. */
function readDocumentData(text: string): Record<string, unknown> {
  const parsed = parseStrictJson(text);
  if (!parsed) throw invalid('Data draf bukan JSON yang sah.');
  if (parsed.repeated) throw invalid(`Data draf tidak diterima: ${repeatedKeyMessage(parsed.repeated)}`);
  const data = parsed.value;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw invalid('Data draf harus berupa objek JSON per jenis dokumen.');
  const problem = inspectJson(data, FORM_LIMITS, ['documentData']);
  if (problem) throw invalid(`Data draf tidak diterima: ${describeJsonProblem(problem)}.`);
  for (const [kind, value] of Object.entries(data)) {
    const problem = draftDataProblem(kind, value);
    if (problem) throw invalid(problem);
  }
  return data as Record<string, unknown>;
}

/** The satisfaction survey, where the applicant answered it: all nine elements, or none; the questions left are named. */
function readSurvey(form: Record<string, unknown>): SurveyAnswers | undefined {
  const survey = readSurveyForm(form);
  if (!survey.begun) return undefined;
  if (!survey.complete) throw invalid(incompleteSurveyMessage(survey.missing));
  return survey.complete;
}

/** A draft the page embeds is not there: JSON, whatever the client asked. */
const refuseJson = (c: Context, message: string) => fail(c, new ParafError('not-found', message));

function refuse(c: Context, error: ParafError) {
  const status = httpStatus(error);
  if (c.req.header('accept')?.includes('application/json')) return c.json(errorBody(error), status);
  const title =
    error.code === 'case-failed'
      ? 'Berkas gagal diproses'
      : error.code === 'decided'
        ? 'Sudah diputuskan'
        : 'Keputusan tidak dapat diproses';
  return c.html(
    page(title, html`<p class="error">${error.message}</p><p><a href="">Kembali ke halaman langkah ini</a></p>`),
    status,
  );
}
