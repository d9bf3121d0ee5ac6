import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { lettersToSign } from '#cases/allowed-routes.ts';
import { decide, DecisionRefused } from '#cases/decide.ts';
import { decisionContext } from '#cases/settle-decision.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getLink } from '#records/links.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { scheduleRefusal } from '#clock/scheduled-day.ts';
import { IKM_ELEMENTS, SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { describeJsonProblem, inspectJson, jsonBytes } from '#validation/inspect-json.ts';
import { FORM_LIMITS } from './read-case-request.ts';
import { confirmationPage, decidedPage } from './approval-page.ts';
import { page } from './page.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { archiveClient } from '#handlers/archive-client.ts';
import { signedIn, type IdentityProvider } from '#identity/identity.ts';
import { checkSigningFactor } from '#identity/signing-factor.ts';
import { demoCodeFor } from '#identity/local-sign-in.ts';
import { approvalSigns, isHandover, isPublicStep } from '#cases/signing-steps.ts';
import type { ApprovalLink } from '#records/links.ts';

/** Who may act on (and see the drafts of) a link: the official it is for, or anyone at the applicant's own step. */
function mayAct(rt: Runtime, c: Context, link: ApprovalLink): boolean {
  return isPublicStep(rt.sop(link.sop), link) || signedIn(c)?.official.id === link.officialId;
}

const REFUSED_STATUS = {
  'not-found': 404,
  expired: 410,
  decided: 409,
  invalid: 422,
  forbidden: 403,
  handover: 403,
  factor: 403,
  throttled: 429,
} as const;

/**
 * The e-mailed approval links. GET and HEAD only show what is asked (mail scanners open links);
 * a button's POST is the only thing that acts, and only once: links stay safe when a mail scanner opens them.
 */
export function approvalRoutes(rt: Runtime, workflow: Workflow, identity: IdentityProvider) {
  const app = new Hono();
  const local = rt.config.mail === 'outbox';
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const context = () => ({
    ...decisionContext(rt, workflow),
    checkFactor: async (officialId: string, code: string | undefined) =>
      checkSigningFactor(store, officialId, code, await identity.demoOpen()),
  });

  app.get('/:linkId', async (c) => {
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    if (!link)
      return c.html(
        page(
          'Tautan tidak dikenal',
          html`<p class="error">Tautan ini tidak dikenal. Periksa kembali alamat dari e-mail Anda.</p>`,
          { local },
        ),
        404,
      );
    if (link.status === 'decided') return c.html(decidedPage(link, local), 200);
    if (new Date(link.expiresAt) < new Date())
      return c.html(
        page(
          'Tautan kedaluwarsa',
          html`<p class="error">Tautan ini sudah kedaluwarsa. Hubungi Tata Usaha untuk tautan baru.</p>`,
          { local },
        ),
        410,
      );
    const sop = rt.sop(link.sop);
    const acts = mayAct(rt, c, link);
    return c.html(
      await confirmationPage(rt, link, local, {
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
    const link = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    // Only while the step waits, and only to whoever may decide it: a decided or forwarded link serves no document.
    if (!link || link.status === 'decided' || new Date(link.expiresAt) < new Date() || !mayAct(rt, c, link))
      return c.json({ error: 'not-found', message: 'Dokumen tidak ditemukan.' }, 404);
    const state = await getDocumentState(rt.dynamo, rt.config.table, link.caseId, c.req.param('kind'));
    const copy = state?.copies.find((item) => item.copy === 1);
    if (!copy) return c.json({ error: 'not-found', message: 'Draf dokumen ini belum dibuat.' }, 404);
    const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: copy.key }));
    return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${state!.kind}-rangkap-1.pdf"`,
    });
  });

  app.post('/:linkId', async (c) => {
    const asked = await getLink(rt.dynamo, rt.config.table, c.req.param('linkId'));
    if (asked && !mayAct(rt, c, asked) && asked.status !== 'decided')
      return refuse(
        c,
        new DecisionRefused(
          'forbidden',
          `Langkah ini diminta kepada ${rt.staff.byId(asked.officialId)?.name ?? asked.officialId}. ${
            signedIn(c)
              ? 'Anda masuk sebagai pejabat lain; tidak ada yang diubah.'
              : 'Silakan masuk sebagai pejabat tersebut untuk memutuskan; tidak ada yang diubah.'
          }`,
        ),
        local,
      );
    const form = await c.req.parseBody().catch(() => undefined);
    if (!form) return refuse(c, new DecisionRefused('invalid', 'Isian formulir tidak dapat dibaca.'), local);
    const decision = String(form.decision ?? '');
    if (!['approve', 'return', 'reject'].includes(decision))
      return refuse(c, new DecisionRefused('invalid', 'Pilih keputusan: setujui, kembalikan, atau tolak.'), local);
    const note = typeof form.note === 'string' ? form.note : undefined;
    if (note && note.length > 2000)
      return refuse(c, new DecisionRefused('invalid', 'Catatan paling panjang 2000 karakter.'), local);
    const returnTo = typeof form.returnTo === 'string' ? form.returnTo : undefined;
    const documentData =
      typeof form.documentData === 'string' && form.documentData.trim()
        ? readDocumentData(form.documentData)
        : undefined;
    if (documentData instanceof DecisionRefused) return refuse(c, documentData, local);
    if (documentData && (await signsOnly(rt, c.req.param('linkId'))))
      return refuse(
        c,
        new DecisionRefused(
          'invalid',
          'Penandatangan tidak mengubah data draf; kembalikan surat ke langkah yang menyiapkannya bila datanya perlu diubah.',
        ),
        local,
      );
    const tooBig = documentData && (await mergedFormTooBig(rt, c.req.param('linkId'), documentData));
    if (tooBig) return refuse(c, tooBig, local);
    const survey = readSurvey(form);
    if (survey instanceof DecisionRefused) return refuse(c, survey, local);
    if (decision === 'approve') {
      const early = await refuseEarlySchedule(rt, c.req.param('linkId'), documentData);
      if (early) return refuse(c, early, local);
    }
    let taken: { id: string };
    try {
      taken = await decide(context(), c.req.param('linkId'), {
        decision: decision as 'approve',
        note,
        returnTo,
        actor: signedIn(c)?.official.id,
        via: 'link',
        ...(typeof form.kode === 'string' ? { factorCode: form.kode } : {}),
        ...(documentData ? { documentData } : {}),
        ...(survey ? { survey } : {}),
      });
    } catch (error) {
      if (error instanceof DecisionRefused) return refuse(c, error, local);
      throw error;
    }
    const said = decision === 'approve' ? 'disetujui' : decision === 'return' ? 'dikembalikan' : 'ditolak';
    if (c.req.header('accept')?.includes('application/json')) return c.json({ decided: said, id: taken.id });
    return c.html(
      page(
        'Keputusan tercatat',
        html`<p class="ok">Terima kasih. Langkah ini <strong>${said}</strong>; berkas diteruskan sesuai SOP.</p><p><a href="/tugas">Kembali ke Tugas saya</a></p>`,
        { local },
      ),
    );
  });

  return app;
}

/**
 * A drafting step that sets the date of a later step (the Surat Tugas and its inspection) is approved
 * only with a date the SOP allows, counted from today, when the letter is issued.
 */
async function refuseEarlySchedule(
  rt: Runtime,
  linkId: string,
  documentData: Record<string, unknown> | undefined,
): Promise<DecisionRefused | undefined> {
  const link = await getLink(rt.dynamo, rt.config.table, linkId);
  if (link?.purpose !== 'step' || link.status === 'decided') return undefined;
  const record = await getCase(rt.dynamo, rt.config.table, link.caseId);
  const message = scheduleRefusal(
    officeClock(),
    rt.sop(link.sop),
    link.step,
    { ...record?.form.documents, ...documentData },
    new Date(),
  );
  return message ? new DecisionRefused('invalid', message) : undefined;
}

/** A link of the office's signer of a letter: they sign what was drafted, and nothing renders it again. */
async function signsOnly(rt: Runtime, linkId: string): Promise<boolean> {
  const link = await getLink(rt.dynamo, rt.config.table, linkId);
  return !!link && lettersToSign(rt.sop(link.sop), link).length > 0;
}

/** The drafter's data for the documents of a drafting step: JSON by kind, each checked against its schema. */
function readDocumentData(text: string): Record<string, unknown> | DecisionRefused {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new DecisionRefused('invalid', 'Data draf bukan JSON yang sah.');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return new DecisionRefused('invalid', 'Data draf harus berupa objek JSON per jenis dokumen.');
  const problem = inspectJson(data, FORM_LIMITS, ['documentData']);
  if (problem) return new DecisionRefused('invalid', `Data draf tidak diterima: ${describeJsonProblem(problem)}.`);
  for (const [kind, value] of Object.entries(data)) {
    const schema = DOCUMENT_KINDS[kind]?.schema;
    if (!schema) return new DecisionRefused('invalid', `Jenis dokumen "${kind}" tidak dikenal.`);
    const check = schema.safeParse(value, { error: indonesianErrors });
    if (!check.success)
      return new DecisionRefused('invalid', `Data ${kind} tidak valid: ${zodMessage(check.error.issues)}`);
  }
  return data as Record<string, unknown>;
}

/**
 * The drafter's data replaces the case's data of those kinds; the case record must stay within
 * the form's limit that intake keeps (read-case-request.ts), whatever is merged into it.
 */
async function mergedFormTooBig(
  rt: Runtime,
  linkId: string,
  documentData: Record<string, unknown>,
): Promise<DecisionRefused | undefined> {
  const link = await getLink(rt.dynamo, rt.config.table, linkId);
  const record = link && (await getCase(rt.dynamo, rt.config.table, link.caseId));
  if (!record) return undefined;
  const bytes = jsonBytes({ ...record.form, documents: { ...record.form.documents, ...documentData } });
  if (bytes <= FORM_LIMITS.maxBytes) return undefined;
  return new DecisionRefused(
    'invalid',
    `Data draf terlalu besar: isian berkas menjadi ${Math.ceil(bytes / 1024)} KB, paling besar ${FORM_LIMITS.maxBytes / 1024} KB.`,
  );
}

/** The satisfaction survey, where the applicant answered it: all nine elements, or none. */
function readSurvey(form: Record<string, unknown>): SurveyAnswers | DecisionRefused | undefined {
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
    return new DecisionRefused(
      'invalid',
      `Survei kepuasan belum lengkap: ${zodMessage(parsed.error.issues.map((issue) => ({ ...issue, path: issue.path.map((p) => IKM_ELEMENTS.find((e) => e.id === p)?.label ?? p) })))}`,
    );
  return parsed.data;
}

function refuse(c: Context, error: DecisionRefused, local: boolean) {
  const status = REFUSED_STATUS[error.code];
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
