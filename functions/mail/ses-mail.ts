import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { mailHtml, senderName } from './mail-html.ts';
import type { MailMessage, MailProvider, SentMail } from './mail-message.ts';

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
    const { MessageId } = await this.ses.send(
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
    return { ...message, id: MessageId ?? '', from: this.from, sentAt: new Date().toISOString() };
  }
}
