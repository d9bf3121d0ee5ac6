import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailProvider, SesMail } from '#mail/mail-provider.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sendCaseMail } from '#cases/send-case-mail.ts';
import { startStandIns } from '#local/start-local.ts';
import { listEvents } from '#records/case-records.ts';
import { listQueuedMail } from '#records/mail-retries.ts';
import { ensureTable } from '#records/table.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';

/** A stand-in for the SES v2 SendEmail endpoint on loopback: the real SDK client talks to it over HTTP. */
const received: { path: string; body: Record<string, unknown> }[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  received.push({ path: request.url ?? '', body: JSON.parse(text) });
  // As SES answers in its sandbox for an address it has not verified.
  if (text.includes('ditolak@'))
    return void response
      .writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' })
      .end(JSON.stringify({ message: 'Email address is not verified.' }));
  // As SES answers when the account's sending rate is exceeded (the SDK's own retries see it too).
  if (text.includes('sibuk@'))
    return void response
      .writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' })
      .end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ MessageId: `pesan-${received.length}` }));
});
let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
// Each test counts its own messages (the stand-in's MessageId is the count): any order, any test alone.
beforeEach(() => {
  received.splice(0);
});

describe('the SES mail provider', () => {
  it('sends the message as UTF-8 text from the office address through the SES v2 API', async () => {
    const ses = new SESv2Client({
      endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
    });
    const mail = new SesMail(ses, 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>');
    const sent = await mail.send({
      to: 'kasi.layanan@dpmptsp.test',
      subject: 'Berkas API-U/2026/00001: langkah 8 menunggu Anda',
      text: 'Yth. Ir. Ahmad Fauzi, …',
      links: [{ label: 'Periksa', url: 'https://paraf.test/a/x' }],
    });
    expect(sent.id).toBe('pesan-1');
    expect(received[0]!.path).toBe('/v2/email/outbound-emails');
    expect(received[0]!.body).toEqual({
      FromEmailAddress: 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>',
      Destination: { ToAddresses: ['kasi.layanan@dpmptsp.test'] },
      Content: {
        Simple: {
          Subject: { Data: 'Berkas API-U/2026/00001: langkah 8 menunggu Anda', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'Yth. Ir. Ahmad Fauzi, …', Charset: 'UTF-8' },
            // The same message as simple HTML: the link as a button, no images or remote resources.
            Html: { Data: expect.stringContaining('<a href="https://paraf.test/a/x"'), Charset: 'UTF-8' },
          },
        },
      },
    });
    ses.destroy();
  });

  it('is chosen by PARAF_MAIL, and an unknown provider is an error', () => {
    const config = { mail: 'ses', dataDir: undefined, mailFrom: 'paraf@dpmptsp.test', smtp: undefined } as const;
    expect(mailProvider({ ...config, aws: { s3PathStyle: false } })).toBeInstanceOf(SesMail);
    expect(() => mailProvider({ ...config, mail: 'pos' as unknown as 'ses', aws: { s3PathStyle: false } })).toThrow(
      'PARAF_MAIL bernilai "pos": harus salah satu dari outbox, ses, smtp.',
    );
  });

  it('makes its client with the first message, once, and again after a failed attempt to make it', async () => {
    const made: string[] = [];
    const mail = new SesMail(async () => {
      made.push('client');
      if (made.length === 1) throw new Error('chunk not loaded');
      return new SESv2Client({
        endpoint,
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
      });
    }, 'paraf@dpmptsp.test');
    const message = { to: 'kasi.layanan@dpmptsp.test', subject: 'Uji', text: 'Yth. …', links: [] };
    // Nothing is made, nor loaded, before a message is sent (a function's init).
    expect(made).toEqual([]);
    await expect(mail.send(message)).rejects.toThrow('chunk not loaded');
    expect((await mail.send(message)).id).toBe('pesan-1');
    expect((await mail.send(message)).id).toBe('pesan-2');
    expect(made).toEqual(['client', 'client']);
  });

  it("takes the SES client's region, credentials and endpoint from the configuration, as the other AWS clients do", async () => {
    const mail = mailProvider({
      mail: 'ses',
      dataDir: undefined,
      mailFrom: 'paraf@dpmptsp.test',
      smtp: undefined,
      aws: {
        s3PathStyle: false,
        standIns: {
          region: 'ap-southeast-3',
          credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
          endpoints: { dynamodb: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:1', ses: endpoint },
        },
      },
    });
    const sent = await mail.send({ to: 'kasi.layanan@dpmptsp.test', subject: 'Uji', text: 'Yth. …', links: [] });
    expect(sent.id).toBe('pesan-1');
    expect(received.map((request) => request.path)).toEqual(['/v2/email/outbound-emails']);
  });

  it('does not fail a case when SES rejects a message: the trail says so, and the next message goes out', async () => {
    const work = tempDataDir('paraf-mail-');
    const standIns = await startStandIns(work);
    const dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: standIns.env.AWS_ENDPOINT_URL_DYNAMODB,
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
    );
    const ses = new SESv2Client({
      endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
    });
    try {
      await ensureTable(dynamo, 'paraf');
      const records = { dynamo, table: 'paraf' };
      const mail = new SesMail(ses, 'paraf@dpmptsp.test');
      const message = {
        to: 'ditolak@pemohon.test',
        subject: 'Berkas API-U/2026/00001 selesai',
        text: 'Yth. …',
        links: [],
      };
      expect(await sendCaseMail(mail, records, 'case1', message)).toBe(false);
      expect(await sendCaseMail(mail, records, 'case1', message)).toBe(false);
      expect(await sendCaseMail(mail, records, 'case1', { ...message, to: 'pemohon@pemohon.test' })).toBe(true);
      const events = await listEvents(dynamo, 'paraf', 'case1');
      // SES's refusal is final: the trail tells staff to reach the person another way, and nothing is queued.
      expect(events).toEqual([
        expect.objectContaining({
          action: 'E-mail kepada ditolak@pemohon.test gagal terkirim: "Berkas API-U/2026/00001 selesai"',
          notes:
            'Server surat menolak alamat atau pesan ini. Hubungi penerima dengan cara lain; berkas tetap berjalan.',
        }),
      ]);
      expect(await listQueuedMail(dynamo, 'paraf')).toEqual([]);
      // A throttled message is not final: queued to be sent again, and the trail says so.
      expect(await sendCaseMail(mail, records, 'case2', { ...message, to: 'sibuk@pemohon.test' })).toBe(false);
      expect((await listQueuedMail(dynamo, 'paraf')).map((queued) => queued.message.to)).toEqual([
        'sibuk@pemohon.test',
      ]);
      expect((await listEvents(dynamo, 'paraf', 'case2'))[0]?.notes).toContain('mengirimnya ulang otomatis');
    } finally {
      ses.destroy();
      dynamo.destroy();
      await standIns.close();
      removeDir(work);
    }
  });
});
