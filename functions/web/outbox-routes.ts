import { Hono } from 'hono';
import type { OutboxMail } from '#mail/outbox-mail.ts';
import { refuse } from './errors.ts';

/** The local outbox: the e-mails "sent", so that one person can act as every official. Only mounted locally; `?since=<id>` pages on. */
export function outboxRoutes(outbox: OutboxMail) {
  const app = new Hono();
  app.get('/', (c) => {
    const since = c.req.query('since');
    if (since !== undefined && !/^[0-9TZ-]{20,30}-[0-9a-f]{8}[A-Za-z0-9_-]*$/.test(since))
      return refuse(c, 'invalid-query', 'Parameter "since" harus nomor pesan dari kotak keluar.');
    return c.json({
      messages: outbox.list(since).map(({ id, to, subject, sentAt, links }) => ({ id, to, subject, sentAt, links })),
    });
  });
  return app;
}
