import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { DecisionRequest } from '#cases/decide.ts';
import { FORM_LIMITS } from '#cases/form-limits.ts';
import { getLinkDraft } from '#cases/get-link-draft.ts';
import { showApproval } from '#cases/show-approval.ts';
import { showDestination, type Destination } from '#cases/show-destination.ts';
import { takeDecision } from '#cases/take-decision.ts';
import { draftDataProblem } from '#documents/check-draft-data.ts';
import { isParafError, ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { IKM_ELEMENTS, SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { describeJsonProblem, inspectJson } from '#validation/inspect-json.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { confirmationPage, decidedPage } from './approval-page.ts';
import { fail, httpStatus } from './errors.ts';
import { page } from './page.ts';
import { signedIn, type IdentityProvider } from '#identity/identity.ts';
import { checkSigningFactor } from '#identity/signing-factor.ts';
import { demoCodeFor } from '#identity/local-sign-in.ts';
import { approvalSigns, isHandover, isPublicStep } from '#cases/signing-steps.ts';
import { endSentence } from '#staff/end-sentence.ts';

/**
 * The e-mailed approval links. GET and HEAD only show what is asked (mail scanners open links);
 * a button's POST is the only thing that acts, and only once: links stay safe when a mail scanner opens them.
 */
export function approvalRoutes(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const checkFactor = async (officialId: string, code: string | undefined) =>
    checkSigningFactor(store, officialId, code, await identity.demoOpen());

  app.get('/:linkId', async (c) => {
    const shown = await showApproval(rt, c.req.param('linkId'));
    if (shown.state === 'unknown')
      return c.html(
        page(
          'Tautan tidak dikenal',
          html`<p class="error">Tautan ini tidak dikenal. Periksa kembali alamat dari e-mail Anda.</p>`,
          { local },
        ),
        404,
      );
    if (shown.state === 'decided') return c.html(decidedPage(shown.link, local), 200);
    if (shown.state === 'expired')
      return c.html(
        page(
          'Tautan kedaluwarsa',
          html`<p class="error">Tautan ini sudah kedaluwarsa. Hubungi Tata Usaha untuk tautan baru.</p>`,
          { local },
        ),
        410,
      );
    const { link, sop } = shown.view;
    // The official it is for (or anyone, at the applicant's own step) sees the forms, the drafts and the history.
    const acts = isPublicStep(sop, link) || signedIn(c)?.official.id === shown.view.acting?.official.id;
    return c.html(
      confirmationPage(shown.view, local, {
        mayAct: acts,
        signedInAs: signedIn(c)?.official.name,
        handover: isHandover(sop, link),
        asksCode: acts && approvalSigns(sop, link),
        demoCode: acts ? await demoCodeFor(rt, signedIn(c)) : undefined,
      }),
    );
  });

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

  app.post('/:linkId', async (c) => {
    let said: string;
    let taken: { id: string; route: string };
    try {
      const form = await c.req.parseBody().catch(() => undefined);
      const request: DecisionRequest = {
        ...readDecisionForm(form),
        actor: signedIn(c)?.official.id,
        via: 'link',
        ...(typeof form?.kode === 'string' ? { factorCode: form.kode } : {}),
      };
      taken = await takeDecision(rt, workflow, c.req.param('linkId'), request, new Date(), checkFactor);
      said = request.decision === 'approve' ? 'disetujui' : request.decision === 'return' ? 'dikembalikan' : 'ditolak';
    } catch (error) {
      if (isParafError(error)) return refuse(c, error, local);
      throw error;
    }
    if (c.req.header('accept')?.includes('application/json')) return c.json({ decided: said, id: taken.id });
    const where = await showDestination(rt, c.req.param('linkId'), taken.route);
    return c.html(
      page(
        'Keputusan tercatat',
        html`<p class="ok">Terima kasih. ${whereItWent(said, where)}</p><p><a href="/tugas">Kembali ke Tugas saya</a></p>`,
        { local },
      ),
    );
  });

  return app;
}

const invalid = (message: string) => new ParafError('invalid', message);

/** The decision and where it sent the file, in the confirmation's words ("dikembalikan ke ... (langkah 7)"). */
function whereItWent(said: string, where: Destination) {
  const to = where.target ? `${where.target}${where.holder ? `, kepada ${where.holder}` : ''}` : '';
  if (said === 'ditolak') return html`Langkah ini <strong>ditolak</strong>; berkas ditutup sesuai SOP.`;
  if (said === 'dikembalikan')
    return html`Langkah ini <strong>dikembalikan</strong>${to ? ` ke ${endSentence(to)}` : ' sesuai SOP.'}`;
  return html`Langkah ini <strong>disetujui</strong>; berkas diteruskan ${to ? `ke ${endSentence(to)}` : 'sesuai SOP.'}`;
}

/** The decision form: the decision, its note, where a send-back goes, the drafter's data, the survey. */
function readDecisionForm(form: Record<string, unknown> | undefined): DecisionRequest {
  if (!form) throw invalid('Isian formulir tidak dapat dibaca.');
  const decision = String(form.decision ?? '');
  if (decision !== 'approve' && decision !== 'return' && decision !== 'reject')
    throw invalid('Pilih keputusan: setujui, kembalikan, atau tolak.');
  const note = typeof form.note === 'string' ? form.note : undefined;
  if (note && note.length > 2000) throw invalid('Catatan paling panjang 2000 karakter.');
  const returnTo = typeof form.returnTo === 'string' ? form.returnTo : undefined;
  const documentData =
    typeof form.documentData === 'string' && form.documentData.trim() ? readDocumentData(form.documentData) : undefined;
  const survey = readSurvey(form);
  return { decision, note, returnTo, ...(documentData ? { documentData } : {}), ...(survey ? { survey } : {}) };
}

/** The drafter's data for the documents of a drafting step: JSON by kind, each checked against its schema. */
function readDocumentData(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid('Data draf bukan JSON yang sah.');
  }
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

/** The satisfaction survey, where the applicant answered it: all nine elements, or none. */
function readSurvey(form: Record<string, unknown>): SurveyAnswers | undefined {
  const given = IKM_ELEMENTS.filter((element) => typeof form[element.id] === 'string' && form[element.id] !== '');
  if (given.length === 0) return undefined;
  const parsed = SurveySchema.safeParse(
    Object.fromEntries([
      ...IKM_ELEMENTS.map((element) => [element.id, form[element.id]]),
      ...(typeof form.saran === 'string' && form.saran.trim() ? [['saran', form.saran]] : []),
    ]),
    { error: indonesianErrors },
  );
  if (!parsed.success)
    throw invalid(
      `Survei kepuasan belum lengkap: ${zodMessage(parsed.error.issues.map((issue) => ({ ...issue, path: issue.path.map((p) => IKM_ELEMENTS.find((e) => e.id === p)?.label ?? p) })))}`,
    );
  return parsed.data;
}

/** A draft the page embeds is not there: JSON, whatever the client asked. */
const refuseJson = (c: Context, message: string) => fail(c, new ParafError('not-found', message));

function refuse(c: Context, error: ParafError, local: boolean) {
  const status = httpStatus(error);
  if (c.req.header('accept')?.includes('application/json'))
    return c.json({ error: error.code, message: error.message }, status);
  const title = error.code === 'decided' ? 'Sudah diputuskan' : 'Keputusan tidak dapat diproses';
  return c.html(
    page(title, html`<p class="error">${error.message}</p><p><a href="">Kembali ke halaman langkah ini</a></p>`, {
      local,
    }),
    status,
  );
}
