import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailMessage, MailProvider, SentMail } from './mail-message.ts';

/** The local provider: every message is a JSON file in `<data>/outbox`, which the outbox page lists. */
export class OutboxMail implements MailProvider {
  private readonly dir: string;
  private sequence = 0;

  constructor(
    dataDir: string,
    private readonly from: string,
  ) {
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
