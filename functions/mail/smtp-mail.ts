import type { Transporter } from 'nodemailer';
import { mailHtml, senderName } from './mail-html.ts';
import { MailNotSent, type MailMessage, type MailProvider, type SentMail } from './mail-message.ts';

export { MailNotSent };

export interface SmtpSettings {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (port 465); `starttls`: upgrade required (587); `none`: loopback only. */
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  /** CA certificates (PEM) to trust for the server's certificate (an office's own mail server), read by readConfig. */
  caPems?: readonly string[];
}

/**
 * The office's own mail server, through nodemailer: each message as multipart plain text and
 * simple HTML, from the office's name, marked as sent automatically (Auto-Submitted), with no
 * List-Unsubscribe (these are transactional messages about a person's own file) and no tracking.
 * The password is handed to the transport and never logged.
 */
export class SmtpMail implements MailProvider {
  /** nodemailer is loaded with the first SMTP provider: the AWS functions (SES) never load it (BENCHMARKS.md, bundles). */
  private readonly transport: Promise<Transporter>;

  constructor(
    settings: SmtpSettings,
    private readonly from: string,
  ) {
    const ca = settings.caPems ? [...settings.caPems] : undefined;
    this.transport = import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.security === 'tls',
        requireTLS: settings.security === 'starttls',
        ignoreTLS: settings.security === 'none',
        auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
        tls: ca ? { ca } : undefined,
        connectionTimeout: 20_000,
        logger: false,
      }),
    );
  }

  async send(message: MailMessage): Promise<SentMail> {
    try {
      const info = await (await this.transport).sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: mailHtml(message, senderName(this.from)),
        headers: { 'Auto-Submitted': 'auto-generated' },
        // The same step's message keeps its id, so a mail server or reader can tell a resend.
        messageId: message.dedupeKey ? `<${message.dedupeKey.replace(/[^A-Za-z0-9._-]/g, '_')}@paraf>` : undefined,
      });
      return { ...message, id: info.messageId, from: this.from, sentAt: new Date().toISOString() };
    } catch (error) {
      throw notSent(error as Error & { responseCode?: number; code?: string }, message.to);
    }
  }

  async close(): Promise<void> {
    (await this.transport).close();
  }
}

function notSent(error: Error & { responseCode?: number; code?: string }, to: string): MailNotSent {
  const detail = `${error.code ?? ''} ${error.responseCode ?? ''} ${error.message}`.trim();
  // A 4xx refusal (a full mailbox, greylisting) is temporary: the queue sends it again; a 5xx one is final.
  if ((error.responseCode ?? 0) >= 500 || (error.code === 'EENVELOPE' && !error.responseCode))
    return new MailNotSent(`Server surat menolak pesan untuk ${to}.`, true, detail);
  if ((error.responseCode ?? 0) >= 400)
    return new MailNotSent(`Server surat menunda pesan untuk ${to}; pesan akan dikirim ulang.`, false, detail);
  return new MailNotSent('Server surat tidak dapat dihubungi; pesan akan dikirim ulang.', false, detail);
}
