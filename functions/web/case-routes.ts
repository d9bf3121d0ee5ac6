import { Hono } from 'hono';
import { IncompleteApplication, startCase } from '#cases/start-case.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fail } from './errors.ts';
import { readCaseRequest } from './read-case-request.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import type { Workflow } from './workflow.ts';

const CASE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The case API: the counter's intake (with its checklist check), and a case's status and trail. */
export function caseRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();

  app.post('/', async (c) => {
    const input = await readCaseRequest(c);
    if ('status' in input) return fail(c, input.status, input.error, input.message);
    const sop = rt.catalog.find((s) => s.id === input.sop || s.aliases.includes(input.sop.toLowerCase()));
    if (!sop) return fail(c, 404, 'unknown-sop', `SOP "${input.sop}" tidak dikenal.`);
    // The drafts' data is checked now, so a wrong field is named at the counter, not days later at drafting.
    for (const [kind, data] of Object.entries(input.form.documents)) {
      if (!sop.documents.some((doc) => doc.kind === kind)) return fail(c, 422, 'unknown-document', `${sop.id} tidak menghasilkan dokumen "${kind}".`);
      const check = DOCUMENT_KINDS[kind]!.schema.safeParse(data, { error: indonesianErrors });
      if (!check.success) return fail(c, 422, 'invalid-document', `Data ${kind} tidak valid: ${zodMessage(check.error.issues)}`);
    }
    try {
      const record = await startCase(
        { s3: rt.s3, bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table },
        sop,
        {
          applicant: input.applicant,
          facts: input.form.facts,
          handedIn: input.requirements,
          documents: input.form.documents,
          attachments: input.attachments,
        },
        (caseId) => workflow.startCase(sop.id, caseId),
      );
      return c.json({ id: record.caseId, fileNumber: record.fileNumber, receiptCode: record.receiptCode, receiptUrl: `/api/cases/${record.caseId}/receipt`, deadline: record.deadline }, 201);
    } catch (error) {
      if (error instanceof IncompleteApplication) {
        return fail(c, 422, 'incomplete', `Berkas belum lengkap: ${error.message}`, { missing: error.missing, factErrors: error.factErrors });
      }
      throw error;
    }
  });

  app.get('/:id', async (c) => {
    const record = CASE_ID.test(c.req.param('id')) ? await getCase(rt.dynamo, rt.config.table, c.req.param('id')) : undefined;
    if (!record) return fail(c, 404, 'not-found', 'Berkas tidak ditemukan.');
    const sop = rt.sop(record.sop);
    const lane = record.current ? sop.lanes.find((l) => l.id === record.current!.lane) : undefined;
    return c.json({
      id: record.caseId,
      sop: record.sop,
      fileNumber: record.fileNumber,
      status: record.status,
      deadline: record.deadline,
      current: record.current ? { ...record.current, laneLabel: lane?.label ?? record.current.lane } : null,
      history: await listEvents(rt.dynamo, rt.config.table, record.caseId),
    });
  });

  app.get('/:id/receipt', async (c) => {
    const state = CASE_ID.test(c.req.param('id')) ? await getDocumentState(rt.dynamo, rt.config.table, c.req.param('id'), 'tanda-terima') : undefined;
    const copy = state?.copies.find((item) => item.copy === 2);
    if (!copy) return fail(c, 404, 'not-found', 'Tanda terima belum tersedia.');
    const object = await rt.s3.send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: copy.key }));
    return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="tanda-terima.pdf"' });
  });

  return app;
}
