import type { MailProvider } from './mail-message.ts';
import { OutboxMail } from './outbox-mail.ts';
import { SesMail } from './ses-mail.ts';
import { SmtpMail } from './smtp-mail.ts';
import { badSetting, type ParafConfig, sdkClientSettings } from '#config/read-config.ts';

export type { MailMessage, MailProvider, SentMail } from './mail-message.ts';
export { OutboxMail } from './outbox-mail.ts';
export { SesMail } from './ses-mail.ts';
export { SmtpMail } from './smtp-mail.ts';

/**
 * Chooses the mail provider by the PARAF_MAIL setting; an unknown one is an error, never a silent
 * default. SES's client takes its settings from the configuration as every other AWS client does,
 * read here (a bad one is an error now); the client is made, and its SDK loaded, with the first message.
 */
export function mailProvider(
  config: Pick<ParafConfig, 'mail' | 'dataDir' | 'mailFrom' | 'smtp' | 'aws'>,
): MailProvider {
  const { mail: kind, dataDir, mailFrom: from, smtp } = config;
  switch (kind) {
    case 'outbox':
      if (!dataDir) throw badSetting('Kotak keluar (PARAF_MAIL=outbox) memerlukan PARAF_DATA.');
      return new OutboxMail(dataDir, from);
    case 'ses': {
      const settings = sdkClientSettings(config.aws, 'ses');
      return new SesMail(() => import('./ses-client.ts').then(({ SESv2Client }) => new SESv2Client(settings)), from);
    }
    case 'smtp':
      if (!smtp) throw badSetting('Pengiriman SMTP (PARAF_MAIL=smtp) memerlukan PARAF_SMTP_HOST.');
      return new SmtpMail(smtp, from);
    default:
      throw badSetting(`PARAF_MAIL bernilai "${kind as string}": harus salah satu dari outbox, ses, smtp.`);
  }
}
