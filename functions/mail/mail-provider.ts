import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, in Bahasa Indonesia: the links written out in full. */
  text: string;
  links: { label: string; url: string }[];
  /** The same key sends once: a retried step that dies between sending and recording it sends nothing twice. */
  dedupeKey?: string;
}

export interface SentMail extends MailMessage {
  id: string;
  from: string;
  sentAt: string;
}

export interface MailProvider {
  send(message: MailMessage): Promise<SentMail>;
}

/** The local provider: every message is a JSON file in `<data>/outbox`, which the outbox page lists. */
export class OutboxMail implements MailProvider {
  private readonly dir: string;
  private sequence = 0;

  constructor(dataDir: string, private readonly from: string) {
    this.dir = join(dataDir, 'outbox');
    mkdirSync(this.dir, { recursive: true });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const key = message.dedupeKey ? `-${message.dedupeKey.replace(/[^A-Za-z0-9_-]/g, '_')}` : '';
    const earlier = key && readdirSync(this.dir).find((file) => file.endsWith(`${key}.json`));
    if (earlier) return JSON.parse(readFileSync(join(this.dir, earlier), 'utf8')) as SentMail;
    const sentAt = new Date().toISOString();
    // Ids sort in the order sent (time, then a counter), so `since` never skips a message sent in the same millisecond.
    this.sequence += 1;
    const id = `${sentAt.replace(/[:.]/g, '-')}-${this.sequence.toString(16).padStart(8, '0')}${key}`;
    const mail: SentMail = { ...message, id, from: this.from, sentAt };
    const path = join(this.dir, `${id}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(mail, null, 2));
    renameSync(`${path}.tmp`, path);
    return mail;
  }

  /** The messages in the order sent; `since` (a message id) gives only those sent after it. */
  list(since?: string): SentMail[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json') && (!since || file > `${since}.json`))
      .sort()
      .map((file) => JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as SentMail);
  }
}

/**
 * Amazon SES: the same message as plain text. SES has no idempotency key, so a retried step may send
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
        Content: { Simple: { Subject: { Data: message.subject, Charset: 'UTF-8' }, Body: { Text: { Data: message.text, Charset: 'UTF-8' } } } },
      }),
    );
    return { ...message, id: MessageId ?? '', from: this.from, sentAt: new Date().toISOString() };
  }
}

/** Chooses the mail provider by the PARAF_MAIL setting; an unknown one is an error, never a silent default. */
export function mailProvider(kind: 'outbox' | 'ses', dataDir: string | undefined, from: string): MailProvider {
  switch (kind) {
    case 'outbox':
      if (!dataDir) throw new Error('the outbox needs PARAF_DATA');
      return new OutboxMail(dataDir, from);
    case 'ses':
      return new SesMail(new SESv2Client({}), from);
    default:
      throw new Error(`unknown mail provider "${kind as string}"`);
  }
}
