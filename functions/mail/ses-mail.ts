import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { mailHtml, senderName } from './mail-html.ts';
import { MailNotSent, type MailMessage, type MailProvider, type SentMail } from './mail-message.ts';

/**
 * Amazon SES: the same message as plain text and simple HTML (mail-html.ts). SES has no idempotency key, so a retried step may send
 * an e-mail twice (at least once, never lost); the links it carries act once either way.
 */
export class SesMail implements MailProvider {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<SentMail> {
    const { MessageId } = await this.sendThroughSes(message);
    return { ...message, id: MessageId ?? '', from: this.from, sentAt: new Date().toISOString() };
  }

  private async sendThroughSes(message: MailMessage) {
    try {
      return await this.ses.send(
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
