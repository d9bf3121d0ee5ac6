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

/** Why a message did not go: permanent (the server refused the recipient or the message) or worth retrying. */
export class MailNotSent extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'MailNotSent';
  }
}
