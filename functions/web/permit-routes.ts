import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Hono, type Context } from 'hono';
import type { Runtime } from '#handlers/runtime.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getPermit, isDocumentId } from '#records/permit-index.ts';
import { fail } from './errors.ts';
import { findPermits } from './find-permits.ts';
import { archiveClient } from '#handlers/archive-client.ts';

/** The archive's records of issued documents, for Tata Usaha and archivists: search, copies, the editable draft. */
export function permitRoutes(rt: Runtime) {
  const app = new Hono();

  app.get('/', async (c) => {
    const found = await findPermits(rt, c.req.query());
    if ('message' in found) return fail(c, 400, 'invalid-query', found.message);
    return c.json({ permits: found.permits });
  });

  app.get('/:id', async (c) => {
    const permit = await permitOf(c, rt);
    return permit ? c.json(permit) : notFound(c);
  });

  app.get('/:id/copies/:n', async (c) => {
    const permit = await permitOf(c, rt);
    const copy = permit?.copies.find((item) => String(item.copy) === c.req.param('n'));
    if (!permit || !copy) return notFound(c, 'Rangkap dokumen tidak ditemukan (rangkap 1, 2 atau 3).');
    return objectFrom(c, rt, copy.key, 'application/pdf', `${permit.kind}-rangkap-${copy.copy}.pdf`);
  });

  app.get('/:id/draft.docx', async (c) => {
    const permit = await permitOf(c, rt);
    const state = permit && (await getDocumentState(rt.dynamo, rt.config.table, permit.caseId, permit.kind));
    if (!permit || !state?.draft) return notFound(c, 'Draf DOCX tidak ditemukan.');
    return objectFrom(
      c,
      rt,
      state.draft.key,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `${permit.kind}-draf.docx`,
    );
  });

  return app;
}

async function permitOf(c: Context, rt: Runtime) {
  const id = c.req.param('id') ?? '';
  return isDocumentId(id) ? getPermit(rt.dynamo, rt.config.table, id) : undefined;
}

const notFound = (c: Context, message = 'Dokumen tidak ditemukan.') => fail(c, 404, 'not-found', message);

async function objectFrom(c: Context, rt: Runtime, key: string, contentType: string, filename: string) {
  const object = await archiveClient(rt).send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: key }));
  return c.body(new Uint8Array(await object.Body!.transformToByteArray()), 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename}"`,
  });
}
