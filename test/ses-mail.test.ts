import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailProvider, SesMail } from '#mail/mail-provider.ts';

/** A stand-in for the SES v2 SendEmail endpoint on loopback: the real SDK client talks to it over HTTP. */
const received: { path: string; body: Record<string, any> }[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  received.push({ path: request.url ?? '', body: JSON.parse(text) });
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `pesan-${received.length}` }));
});
let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the SES mail provider', () => {
  it('sends the message as UTF-8 text from the office address through the SES v2 API', async () => {
    const ses = new SESv2Client({ endpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' } });
    const mail = new SesMail(ses, 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>');
    const sent = await mail.send({ to: 'kasi.layanan@dpmptsp.test', subject: 'Berkas API-U/2026/00001: langkah 8 menunggu Anda', text: 'Yth. Ir. Ahmad Fauzi, …', links: [{ label: 'Periksa', url: 'https://paraf.test/a/x' }] });
    expect(sent.id).toBe('pesan-1');
    expect(received[0]!.path).toBe('/v2/email/outbound-emails');
    expect(received[0]!.body).toEqual({
      FromEmailAddress: 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>',
      Destination: { ToAddresses: ['kasi.layanan@dpmptsp.test'] },
      Content: { Simple: { Subject: { Data: 'Berkas API-U/2026/00001: langkah 8 menunggu Anda', Charset: 'UTF-8' }, Body: { Text: { Data: 'Yth. Ir. Ahmad Fauzi, …', Charset: 'UTF-8' } } } },
    });
    ses.destroy();
  });

  it('is chosen by PARAF_MAIL, and an unknown provider is an error', () => {
    expect(mailProvider('ses', undefined, 'paraf@dpmptsp.test')).toBeInstanceOf(SesMail);
    expect(() => mailProvider('pos' as never, undefined, 'x')).toThrow('unknown mail provider "pos"');
  });
});
