import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Runtime } from '#handlers/runtime.ts';
import { OutboxMail } from '#mail/mail-provider.ts';
import { approvalRoutes } from './approval-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { permitRoutes } from './permit-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import type { Workflow } from './workflow.ts';

/** 20 attachments of up to 10 MB arrive base64-encoded in one JSON body; anything larger is refused unread. */
export const MAX_BODY_BYTES = 30 * 1024 * 1024;

/** The HTTP app: the same on the local runtime and (through its adapter) behind API Gateway. */
export function buildApp(rt: Runtime, workflow: Workflow) {
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'too-large', message: `Isi permintaan terlalu besar (paling besar ${MAX_BODY_BYTES / 1024 / 1024} MB).` }, 413),
    }),
  );
  app.route('/api/cases', caseRoutes(rt, workflow));
  app.route('/api/permits', permitRoutes(rt));
  if (rt.mail instanceof OutboxMail) app.route('/api/outbox', outboxRoutes(rt.mail));
  app.route('/a', approvalRoutes(rt, workflow));
  app.route('/verifikasi', verificationRoutes(rt));
  app.get('/', (c) => c.json({ name: 'Paraf', message: 'Paraf DPMPTSP Provinsi Kalimantan Timur berjalan.', api: ['/api/cases', '/api/permits', '/api/outbox', '/a/:linkId', '/verifikasi/:docId'] }));
  app.notFound((c) => c.json({ error: 'not-found', message: 'Alamat tidak ditemukan.' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: 'bad-request', message: 'Permintaan tidak dapat diproses.' }, error.status);
    console.error(error);
    return c.json({ error: 'internal', message: 'Terjadi kesalahan pada server; silakan coba lagi.' }, 500);
  });
  return app;
}
