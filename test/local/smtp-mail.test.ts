import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '#config/read-config.ts';
import { mailProvider } from '#mail/mail-provider.ts';
import { MailNotSent, SmtpMail } from '#mail/smtp-mail.ts';
import { launchChromium } from '../support/as-a-person.ts';
import { selfSignedRsa } from '../support/test-ca.ts';

const work = mkdtempSync(join(tmpdir(), 'paraf-smtp-'));
const received: { from: string; to: string[]; raw: Buffer; parsed: ParsedMail; user: string }[] = [];
const sessionsWithTls: boolean[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  // The office's mail server with a certificate of its own CA: STARTTLS required, AUTH PLAIN/LOGIN.
  selfSignedRsa({ key: join(work, 'key.pem'), cert: join(work, 'cert.pem') }, '/CN=localhost', 2, [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  server = new SMTPServer({
    key: readFileSync(join(work, 'key.pem')),
    cert: readFileSync(join(work, 'cert.pem')),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, session, callback) {
      sessionsWithTls.push(Boolean(session.secure));
      if (auth.username === 'paraf' && auth.password === 'sandi-server-surat') return callback(null, { user: 'paraf' });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      // As a mail server answers for a mailbox it does not have.
      if (address.address.startsWith('tidak-ada@')) {
        const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    async onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw,
        parsed: await simpleParser(raw),
        user: String(session.user),
      });
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

const FROM = 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>';
const message = {
  to: 'kasi.layanan@dpmptsp.test',
  subject: 'Berkas API-U/2026/00001: langkah 8 menunggu Anda',
  text: [
    'Yth. Ir. Ahmad Fauzi,',
    'Berkas API-U/2026/00001 (PT Mahakam Niaga Sentosa) menunggu pemeriksaan Anda pada langkah 8.',
    'Periksa dan paraf: https://paraf.test/a/abc123',
  ].join('\n\n'),
  links: [{ label: 'Periksa dan paraf', url: 'https://paraf.test/a/abc123' }],
  dedupeKey: 'minta-8-keputusan-1',
};

const smtp = () =>
  readConfig({
    PARAF_TABLE: 't',
    PARAF_BUCKET: 'b',
    PARAF_PUBLIC_URL: 'https://paraf.test',
    PARAF_DATA: work,
    PARAF_MAIL: 'smtp',
    PARAF_MAIL_FROM: FROM,
    PARAF_SMTP_HOST: '127.0.0.1',
    PARAF_SMTP_PORT: String(port),
    PARAF_SMTP_USER: 'paraf',
    PARAF_SMTP_PASSWORD: 'sandi-server-surat',
    PARAF_SMTP_CA: join(work, 'cert.pem'),
  });

describe('the SMTP mail provider against a mail server on loopback', () => {
  it('is chosen by PARAF_MAIL=smtp and sends multipart text and HTML over STARTTLS, from the office, with no tracking', async () => {
    const config = smtp();
    expect(config.smtp).toMatchObject({ host: '127.0.0.1', port, security: 'starttls', user: 'paraf' });
    const mail = mailProvider(config) as SmtpMail;
    expect(mail).toBeInstanceOf(SmtpMail);
    const sent = await mail.send(message);
    mail.close();
    expect(sent.id).toBe('<minta-8-keputusan-1@paraf>');
    const [got] = received.splice(0);
    expect(sessionsWithTls.at(-1), 'authenticated only after STARTTLS').toBe(true);
    expect(got!.user).toBe('paraf');
    expect(got!.from).toBe('paraf@dpmptsp.test');
    expect(got!.to).toEqual(['kasi.layanan@dpmptsp.test']);
    const parsed = got!.parsed;
    expect(parsed.from?.value).toEqual([{ name: 'Paraf DPMPTSP Kaltim', address: 'paraf@dpmptsp.test' }]);
    expect(parsed.subject).toBe('Berkas API-U/2026/00001: langkah 8 menunggu Anda');
    expect(parsed.messageId).toBe('<minta-8-keputusan-1@paraf>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(
      String(parsed.headers.get('content-type') && (parsed.headers.get('content-type') as { value: string }).value),
    ).toBe('multipart/alternative');
    expect(parsed.text).toContain('menunggu pemeriksaan Anda pada langkah 8');
    expect(parsed.text).toContain('https://paraf.test/a/abc123');
    const html = String(parsed.html);
    expect(html).toContain('<a href="https://paraf.test/a/abc123"');
    expect(html).toContain('Periksa dan paraf');
    expect(html).toContain('lang="id"');
    // Nothing that calls home: no images, no remote style sheets or scripts.
    expect(html).not.toMatch(/<img|<script|<link|url\(/i);
    // The server's password is in no header or body.
    expect(got!.raw.toString('utf8')).not.toContain('sandi-server-surat');

    // As a person reads it on a phone and on a desk: the button fits the screen and leads to the step.
    const browser = await launchChromium();
    try {
      for (const width of [412, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.setContent(html);
        const button = page.getByRole('link', { name: 'Periksa dan paraf' });
        await expect(button.isVisible()).resolves.toBe(true);
        const box = (await button.boundingBox())!;
        expect(box.x + box.width, `fits ${width}px`).toBeLessThanOrEqual(width);
        expect(await button.getAttribute('href')).toBe('https://paraf.test/a/abc123');
        expect(await page.locator('body').innerText()).toContain('Yth. Ir. Ahmad Fauzi,');
        if (process.env.PARAF_SCREENSHOTS)
          await page.screenshot({ path: join(process.env.PARAF_SCREENSHOTS, `mail-${width}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('says a refused recipient is permanent and a server that cannot be reached is worth retrying, in Indonesian', async () => {
    const config = smtp();
    const mail = new SmtpMail(config.smtp!, FROM);
    const refused = await mail.send({ ...message, to: 'tidak-ada@pemohon.test' }).catch((error: unknown) => error);
    mail.close();
    expect(refused).toBeInstanceOf(MailNotSent);
    expect((refused as MailNotSent).permanent).toBe(true);
    expect((refused as MailNotSent).message).toBe('Server surat menolak pesan untuk tidak-ada@pemohon.test.');
    expect(received).toHaveLength(0);

    const down = new SmtpMail({ host: '127.0.0.1', port: 9, security: 'none' }, FROM);
    const unreachable = await down.send(message).catch((error: unknown) => error);
    down.close();
    expect((unreachable as MailNotSent).permanent).toBe(false);
    expect((unreachable as MailNotSent).message).toContain('Server surat tidak dapat dihubungi');

    const wrongPassword = new SmtpMail({ ...config.smtp!, password: 'salah' }, FROM);
    const denied = await wrongPassword.send(message).catch((error: unknown) => error);
    wrongPassword.close();
    expect(denied).toBeInstanceOf(MailNotSent);
    expect(received).toHaveLength(0);
  });

  it('refuses a setting it cannot use, naming it', () => {
    const base = { PARAF_TABLE: 't', PARAF_BUCKET: 'b', PARAF_PUBLIC_URL: 'https://p.test', PARAF_DATA: work };
    expect(() => readConfig({ ...base, PARAF_MAIL: 'smtp' })).toThrow('PARAF_SMTP_HOST');
    expect(() => readConfig({ ...base, PARAF_MAIL: 'smtp', PARAF_SMTP_HOST: 'h', PARAF_SMTP_PORT: 'dua' })).toThrow(
      'PARAF_SMTP_PORT',
    );
    expect(() => readConfig({ ...base, PARAF_MAIL: 'smtp', PARAF_SMTP_HOST: 'h', PARAF_SMTP_SECURITY: 'ssl' })).toThrow(
      'PARAF_SMTP_SECURITY',
    );
    // The mail server's CA is read when Paraf starts, not at the first case's e-mail (the operations walk:
    // a mistyped path let Paraf start, then stopped every new case at its first e-mail).
    const smtpWithCa = (file: string) =>
      readConfig({ ...base, PARAF_MAIL: 'smtp', PARAF_SMTP_HOST: 'h', PARAF_SMTP_CA: file });
    expect(() => smtpWithCa(join(work, 'tidak-ada.pem'))).toThrow(
      `PARAF_SMTP_CA bernilai "${join(work, 'tidak-ada.pem')}": berkas itu tidak dapat dibaca.`,
    );
    writeFileSync(join(work, 'bukan-sertifikat.pem'), 'bukan sertifikat');
    expect(() => smtpWithCa(join(work, 'bukan-sertifikat.pem'))).toThrow(
      'berkas itu tidak memuat sertifikat CA peladen surat kantor',
    );
    expect(smtpWithCa(join(work, 'cert.pem')).smtp?.caPems).toHaveLength(1);
    // A Lambda bundle has no nodemailer (infra/aws/lambda-left-out.ts): refused when the function starts.
    expect(() =>
      readConfig({ ...base, PARAF_MAIL: 'smtp', PARAF_SMTP_HOST: 'h', AWS_LAMBDA_FUNCTION_NAME: 'f' }),
    ).toThrow('PARAF_MAIL=smtp tidak tersedia pada fungsi AWS');
  });
});
