import { Hono } from 'hono';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fail } from './errors.ts';
import { openCase } from './open-case.ts';
import { readCaseRequest } from './read-case-request.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { archiveClient } from '#handlers/archive-client.ts';

const CASE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The case API: the counter's intake (with its checklist check), and a case's status and trail. */
export function caseRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();

  app.post('/', async (c) => {
    const input = await readCaseRequest(c);
    if ('status' in input) return fail(c, input.status, input.error, input.message);
    const record = await openCase(rt, workflow, input);
    if ('error' in record) return fail(c, record.status, record.error, record.message, record.extra);
    return c.json(
      {
        id: record.caseId,
        fileNumber: record.fileNumber,
        receiptCode: record.receiptCode,
        receiptUrl: `/api/cases/${record.caseId}/receipt`,
        deadline: record.deadline,
      },
      201,
    );
  });

  app.get('/:id', async (c) => {
    const record = CASE_ID.test(c.req.param('id'))
      ? await getCase(rt.dynamo, rt.config.table, c.req.param('id'))
      : undefined;
    if (!record) return fail(c, 404, 'not-found', 'Berkas tidak ditemukan.');
    const sop = rt.sop(record.sop);
    const lane = record.current ? sop.lanes.find((l) => l.id === record.current!.lane) : undefined;
    return c.json({
      id: record.caseId,
      sop: record.sop,
      fileNumber: record.fileNumber,
      permit: record.permit ?? null,
      status: record.status,
      deadline: record.deadline,
      current: record.current ? { ...record.current, laneLabel: lane?.label ?? record.current.lane } : null,
      history: await listEvents(rt.dynamo, rt.config.table, record.caseId),
    });
  });

  app.get('/:id/receipt', async (c) => {
    const state = CASE_ID.test(c.req.param('id'))
      ? await getDocumentState(rt.dynamo, rt.config.table, c.req.param('id'), 'tanda-terima')
      : undefined;
    const copy = state?.copies.find((item) => item.copy === 2);
    if (!copy) return fail(c, 404, 'not-found', 'Tanda terima belum tersedia.');
    const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: copy.key }));
    return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="tanda-terima.pdf"',
    });
  });

  return app;
}
