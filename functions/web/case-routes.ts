import { Hono } from 'hono';
import { z } from 'zod';
import { IncompleteApplication, startCase } from '#cases/start-case.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fail, zodMessage } from './errors.ts';
import type { Workflow } from './workflow.ts';

const INDONESIAN = z.locales.id();
const text = (max: number) => z.string().trim().min(1, 'wajib diisi').max(max, `paling panjang ${max} karakter`);
const CASE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SAFE_NAME = /^[^\u0000-\u001f\u007f/\\]{1,120}$/;

const NewCaseBody = z
  .object({
    sop: text(40),
    applicant: z
      .object({
        name: text(200),
        nib: z.string().regex(/^\d{13}$/, 'NIB harus 13 angka').optional(),
        npwp: z.string().regex(/^[\d.-]{15,20}$/, 'NPWP tidak valid').optional(),
        address: text(300).optional(),
        email: z.email('alamat e-mail tidak valid').max(200).optional(),
        phone: z.string().regex(/^[\d +()-]{6,20}$/, 'nomor telepon tidak valid').optional(),
      })
      .strict(),
    form: z.object({ facts: z.record(z.string(), z.union([z.boolean(), z.number()])).default({}), documents: z.record(z.string(), z.unknown()).default({}) }).strict().default({ facts: {}, documents: {} }),
    requirements: z.array(z.string().regex(/^\d+[a-z]?$/, 'nomor persyaratan tidak valid')).max(50).default([]),
    attachments: z
      .array(
        z
          .object({
            name: z.string().regex(SAFE_NAME, 'nama berkas tidak boleh berisi garis miring atau karakter kontrol'),
            contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png'], { error: 'lampiran harus PDF, JPEG atau PNG' }),
            base64: z.string().max(14_000_000, 'lampiran paling besar 10 MB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'isi lampiran harus base64'),
          })
          .strict(),
      )
      .max(20, 'paling banyak 20 lampiran')
      .default([]),
  })
  .strict();

/** The case API: the counter's intake (with its checklist check), and a case's status and trail. */
export function caseRoutes(rt: Runtime, workflow: Workflow) {
  const app = new Hono();

  app.post('/', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return fail(c, 400, 'invalid-json', 'Isi permintaan bukan JSON yang sah.');
    }
    const parsed = NewCaseBody.safeParse(body, { error: INDONESIAN.localeError });
    if (!parsed.success) return fail(c, 400, 'invalid-request', `Isian tidak valid: ${zodMessage(parsed.error.issues)}`);
    const input = parsed.data;
    const sop = rt.catalog.find((s) => s.id === input.sop || s.aliases.includes(input.sop.toLowerCase()));
    if (!sop) return fail(c, 404, 'unknown-sop', `SOP "${input.sop}" tidak dikenal.`);
    // The drafts' data is checked now, so a wrong field is named at the counter, not days later at drafting.
    for (const [kind, data] of Object.entries(input.form.documents)) {
      if (!sop.documents.some((doc) => doc.kind === kind)) return fail(c, 422, 'unknown-document', `${sop.id} tidak menghasilkan dokumen "${kind}".`);
      const check = DOCUMENT_KINDS[kind]!.schema.safeParse(data, { error: INDONESIAN.localeError });
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
          attachments: input.attachments.map((file) => ({ name: file.name, contentType: file.contentType, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
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
