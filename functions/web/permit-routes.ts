import { Hono, type Context } from 'hono';
import { findPermits } from '#cases/find-permits.ts';
import { getPermitFile } from '#cases/get-permit-file.ts';
import { copyFileName, draftFileName } from '#documents/draft-docx.ts';
import { showPermit } from '#cases/show-permit.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { refuse } from './errors.ts';

/** The archive's records of issued documents, for Tata Usaha and archivists: search, copies, the editable draft. */
export function permitRoutes(rt: Runtime) {
  const app = new Hono();

  // An invalid query (a ParafError) is answered by the app's error handler.
  app.get('/', async (c) => c.json({ permits: await findPermits(rt, c.req.query()) }));

  app.get('/:id', async (c) => {
    const found = await showPermit(rt, c.req.param('id'));
    return found ? c.json(found.permit) : notFound(c);
  });

  app.get('/:id/copies/:n', async (c) => {
    const file = await getPermitFile(rt, c.req.param('id'), { copy: c.req.param('n') });
    if (file === 'no-permit' || file === 'no-file')
      return notFound(c, 'Rangkap dokumen tidak ditemukan (rangkap 1, 2 atau 3).');
    return download(
      c,
      file.bytes,
      'application/pdf',
      copyFileName(file.permit.kind, file.permit.registrationNumber, c.req.param('n')),
    );
  });

  app.get('/:id/draft.docx', async (c) => {
    const file = await getPermitFile(rt, c.req.param('id'), { draft: true });
    if (file === 'no-permit' || file === 'no-file') return notFound(c, 'Draf DOCX tidak ditemukan.');
    return download(
      c,
      file.bytes,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      draftFileName(file.permit.kind, file.permit.registrationNumber),
    );
  });

  return app;
}

const notFound = (c: Context, message = 'Dokumen tidak ditemukan.') => refuse(c, 'not-found', message);

function download(c: Context, bytes: Uint8Array<ArrayBuffer>, contentType: string, filename: string) {
  return c.body(bytes, 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename}"`,
  });
}
