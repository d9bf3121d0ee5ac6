import { Hono } from 'hono';
import { getDocumentFile } from '#cases/get-document-file.ts';
import { openCase } from '#cases/open-case.ts';
import { migrateCase } from '#cases/migrate-case.ts';
import { showCase } from '#cases/show-case.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { signedInOfficial } from '#identity/identity.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { refuse } from './errors.ts';
import { checkCaseFields, readCaseRequest, readJsonBody, receivedAtCounter } from './read-case-request.ts';
import { withClaimedUploads } from '#cases/claim-uploads.ts';
import { receiptPdf } from './loket-routes.ts';

const CASE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The case API: the counter's intake (with its checklist check), and a case's status and trail. */
export function caseRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();

  // A refusal (a ParafError) is answered by the app's error handler.
  app.post('/', async (c) => {
    const { fields, files, uploads } = await readCaseRequest(c);
    const record = await withClaimedUploads(rt, uploads, (uploaded) =>
      openCase(rt, workflow, { ...checkCaseFields(fields, files, uploaded), ...receivedAtCounter(c) }),
    );
    return c.json(
      {
        id: record.caseId,
        fileNumber: record.fileNumber,
        receiptCode: record.receiptCode,
        // The sheet the counter prints for the applicant, with the code (the archived office copies print none).
        receiptUrl: receiptPdf(record),
        deadline: record.deadline,
        revision: record.revision ?? null,
      },
      201,
    );
  });

  app.get('/:id', async (c) => {
    const found = CASE_ID.test(c.req.param('id')) ? await showCase(rt, c.req.param('id')) : undefined;
    if (!found) return refuse(c, 'not-found', 'Berkas tidak ditemukan.');
    const { record, laneLabel, history } = found;
    return c.json({
      id: record.caseId,
      sop: record.sop,
      // Null for a case recorded before revisions were kept (it runs under the oldest revision the catalog keeps).
      revision: record.revision ?? null,
      fileNumber: record.fileNumber,
      permit: record.permit ?? null,
      status: record.status,
      // A task retried until an operator acts (a signer's certificate missing): since when, and why.
      waitingForOperator: record.waitingForOperator ?? null,
      deadline: record.deadline,
      current: record.current ? { ...record.current, laneLabel } : null,
      history,
    });
  });

  // Moving a running case to a newer SOP revision: the signed-in official, the revision and the reason; audited in the trail.
  app.post('/:id/revisi', async (c) => {
    if (!CASE_ID.test(c.req.param('id'))) return refuse(c, 'not-found', 'Berkas tidak ditemukan.');
    const official = signedInOfficial(c);
    if (!official) throw new ParafError('unauthenticated', 'Masuk sebagai pejabat untuk memindahkan revisi berkas.');
    const body = (await readJsonBody(c)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new ParafError('invalid-json', 'Isi permintaan harus JSON: {"revisi": "...", "alasan": "..."}.');
    const unknown = Object.keys(body).filter((field) => field !== 'revisi' && field !== 'alasan');
    if (unknown.length) throw new ParafError('invalid', `Isian tidak dikenal: ${unknown.join(', ')}.`);
    if (typeof body.revisi !== 'string' || !body.revisi.trim())
      throw new ParafError('invalid', 'Revisi tujuan ("revisi") wajib diisi.');
    if (typeof body.alasan !== 'string')
      throw new ParafError('invalid', 'Alasan pemindahan revisi ("alasan") wajib diisi.');
    const moved = await migrateCase(rt, workflow, {
      caseId: c.req.param('id'),
      toRevision: body.revisi.trim(),
      reason: body.alasan,
      actor: { id: official.id, name: official.name },
    });
    return c.json(moved);
  });

  app.get('/:id/receipt', async (c) => {
    const file = CASE_ID.test(c.req.param('id'))
      ? await getDocumentFile(rt, c.req.param('id'), 'tanda-terima', { copy: 2 })
      : undefined;
    if (!file) return refuse(c, 'not-found', 'Tanda terima belum tersedia.');
    return c.body(file.bytes, 200, {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="tanda-terima.pdf"',
    });
  });

  return app;
}
