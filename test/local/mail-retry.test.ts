import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryQueuedMail } from '#cases/retry-queued-mail.ts';
import { sendCaseMail } from '#cases/send-case-mail.ts';
import { SmtpMail } from '#mail/smtp-mail.ts';
import { listEvents } from '#records/case-records.ts';
import { listQueuedMail } from '#records/mail-retries.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { startPlainSmtp } from '../support/plain-smtp.ts';

/**
 * A case's e-mail the office's mail server does not take now (a 4xx refusal, the server down) is
 * queued and sent again with backoff, and the trail says so; a refusal for good (5xx) is recorded and
 * not queued; the case goes on either way. Real SMTP on loopback (smtp-server), real DynamoDB
 * (dynalite), the times injected.
 */
const TABLE = 'paraf-mail-retry-test';
const tables = dynaliteTable(TABLE);
let dynamo: DynamoDBDocumentClient;
let server: Awaited<ReturnType<typeof startPlainSmtp>>;
let port: number;
/** What the server says to `tertunda@`: 451 until told otherwise, as a greylisting server does. */
let deferring = true;
const received: { to: string[]; messageId: string }[] = [];

beforeAll(async () => {
  ({ dynamo } = tables);
  server = await startPlainSmtp(
    (address) => {
      if (address.startsWith('tidak-ada@')) return [550, '5.1.1 Mailbox unavailable'];
      if (address.startsWith('tertunda@') && deferring) return [451, '4.7.1 Greylisted, try again later'];
      return undefined;
    },
    (to, message) => received.push({ to, messageId: /^Message-ID: (.+)$/im.exec(message)?.[1]?.trim() ?? '' }),
  );
  ({ port } = server);
});
afterAll(() => server.close());

const FROM = 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>';
const records = () => ({ dynamo, table: TABLE });
const message = (to: string, dedupeKey: string) => ({
  to,
  subject: `Berkas API-U/2026/00001: langkah 8 menunggu Anda (${dedupeKey})`,
  text: 'Yth. Ir. Ahmad Fauzi,\n\nPeriksa dan paraf: https://paraf.test/a/abc123',
  links: [{ label: 'Periksa dan paraf', url: 'https://paraf.test/a/abc123' }],
  dedupeKey,
});
const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);
const actions = async (caseId: string) => (await listEvents(dynamo, TABLE, caseId)).map((event) => event.action);

describe('e-mail the mail server does not take now', () => {
  it('is queued, tried again with backoff, and sent once the server takes it, the trail saying each', async () => {
    const mail = new SmtpMail({ host: '127.0.0.1', port, security: 'none' }, FROM);
    const caseId = 'kasus-tertunda';
    const start = new Date('2026-12-02T01:00:00Z');
    expect(await sendCaseMail(mail, records(), caseId, message('tertunda@pemohon.test', 'minta-8-a'), start)).toBe(
      false,
    );
    const [queued] = await listQueuedMail(dynamo, TABLE);
    expect(queued).toMatchObject({ id: 'minta-8-a', caseId, attempts: 1, nextAt: minutes(start, 2).toISOString() });
    expect(queued?.lastError).toMatch(/menunda pesan/);
    // Not due yet: nothing is tried.
    expect(await retryQueuedMail(mail, records(), minutes(start, 1))).toEqual({ sent: 0, waiting: 1, abandoned: 0 });
    // Due, still deferred: the next try further off.
    expect(await retryQueuedMail(mail, records(), minutes(start, 3))).toEqual({ sent: 0, waiting: 1, abandoned: 0 });
    expect((await listQueuedMail(dynamo, TABLE))[0]).toMatchObject({
      attempts: 2,
      nextAt: minutes(start, 13).toISOString(),
    });
    deferring = false;
    expect(await retryQueuedMail(mail, records(), minutes(start, 14))).toEqual({ sent: 1, waiting: 0, abandoned: 0 });
    mail.close();
    expect(await listQueuedMail(dynamo, TABLE)).toEqual([]);
    const delivered = received.filter((m) => m.to.includes('tertunda@pemohon.test'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.messageId).toBe('<minta-8-a@paraf>');
    expect(await actions(caseId)).toEqual([
      expect.stringMatching(/^E-mail kepada tertunda@pemohon\.test gagal terkirim/),
      expect.stringMatching(/^E-mail kepada tertunda@pemohon\.test terkirim pada percobaan ke-3/),
    ]);
    const [failed] = await listEvents(dynamo, TABLE, caseId);
    expect(failed?.notes).toMatch(/mengirimnya ulang otomatis/);
  });

  it('is recorded, not queued, when the server refuses the address for good', async () => {
    const mail = new SmtpMail({ host: '127.0.0.1', port, security: 'none' }, FROM);
    const caseId = 'kasus-ditolak';
    expect(await sendCaseMail(mail, records(), caseId, message('tidak-ada@pemohon.test', 'minta-8-b'))).toBe(false);
    mail.close();
    expect((await listQueuedMail(dynamo, TABLE)).some((queued) => queued.id === 'minta-8-b')).toBe(false);
    const [event] = await listEvents(dynamo, TABLE, caseId);
    expect(event?.action).toMatch(/gagal terkirim/);
    expect(event?.notes).toMatch(/menolak alamat atau pesan ini/);
  });

  it('gives up after the last try while the server stays down, and tells staff in the trail', async () => {
    const down = new SmtpMail({ host: '127.0.0.1', port: 9, security: 'none' }, FROM);
    const caseId = 'kasus-server-mati';
    const start = new Date('2026-12-02T02:00:00Z');
    expect(await sendCaseMail(down, records(), caseId, message('kasi.layanan@dpmptsp.test', 'minta-8-c'), start)).toBe(
      false,
    );
    let at = start;
    let last = { sent: 0, waiting: 0, abandoned: 0 };
    for (let tries = 0; tries < 10 && last.abandoned === 0; tries += 1) {
      at = minutes(at, 24 * 60);
      last = await retryQueuedMail(down, records(), at);
    }
    down.close();
    expect(last.abandoned).toBe(1);
    expect((await listQueuedMail(dynamo, TABLE)).some((queued) => queued.id === 'minta-8-c')).toBe(false);
    expect((await actions(caseId)).at(-1)).toMatch(/gagal terkirim setelah 7 percobaan/);
  });
});
