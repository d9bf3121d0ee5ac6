import { Hono } from 'hono';
import type { OutboxMail } from '#mail/mail-provider.ts';

/** The local outbox: the e-mails "sent", so that one person can act as every official. Only mounted locally. */
export function outboxRoutes(outbox: OutboxMail) {
  const app = new Hono();
  app.get('/', (c) => c.json({ messages: outbox.list().map(({ id, to, subject, sentAt, links }) => ({ id, to, subject, sentAt, links })) }));
  return app;
}
