import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { mailHtml, senderName } from './mail-html.ts';
import { MailNotSent, type MailMessage, type MailProvider, type SentMail } from './mail-message.ts';

/**
 * Amazon SES: the same message as plain text and simple HTML (mail-html.ts). SES has no idempotency key, so a retried step may send
 * an e-mail twice (at least once, never lost); the links it carries act once either way.
 */
export class SesMail implements MailProvider {
  private client?: Promise<SESv2Client>;

  /**
   * `ses`: the client, or how to make it when the first message is sent. SES's SDK (some 60 KB of a
   * bundle) is loaded then, not at a function's init: most invocations of the functions that mail send
   * nothing (issue 21, Lambda init).
   */
  constructor(
    private readonly ses: SESv2Client | (() => Promise<SESv2Client>),
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<SentMail> {
    const { MessageId } = await this.sendThroughSes(message);
    return { ...message, id: MessageId ?? '', from: this.from, sentAt: new Date().toISOString() };
  }

  private sesClient(): Promise<SESv2Client> {
    const { ses } = this;
    if (typeof ses !== 'function') return Promise.resolve(ses);
    // A failed load is not kept: the next message tries again.
    this.client ??= ses().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async sendThroughSes(message: MailMessage) {
    const [ses, { SendEmailCommand }] = await Promise.all([this.sesClient(), import('./ses-client.ts')]);
    try {
      return await ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                Html: { Data: mailHtml(message, senderName(this.from)), Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
    } catch (error) {
      throw sesNotSent(error as Error, message.to);
    }
  }
}

/**
 * SES's refusals of this message or address (an unverified recipient in the sandbox, a sender
 * domain not verified, a malformed address): sending it again gives the same answer, so they are
 * final. Anything else (throttling, a paused account, the network) is worth retrying.
 */
const PERMANENT_SES_ERRORS = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'BadRequestException']);

function sesNotSent(error: Error, to: string): MailNotSent {
  const detail = `${error.name}: ${error.message}`;
  return PERMANENT_SES_ERRORS.has(error.name)
    ? new MailNotSent(`Layanan e-mail menolak pesan untuk ${to}.`, true, detail)
    : new MailNotSent('Layanan e-mail tidak menerima pesan saat ini; pesan akan dikirim ulang.', false, detail);
}
