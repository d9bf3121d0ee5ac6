import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailMessage, MailProvider } from '#mail/mail-provider.ts';
import { recordEvent } from '#records/case-records.ts';

/**
 * Sends a case's e-mail without letting the mail service decide the case's fate: a rejected or
 * failed send (the SES sandbox, an unverified domain, a wrong address) is logged for the operator
 * and written in the case's trail for staff, and the step goes on. Returns whether it went out.
 */
export async function sendCaseMail(
  mail: MailProvider,
  records: { dynamo: DynamoDBDocumentClient; table: string },
  caseId: string,
  message: MailMessage,
): Promise<boolean> {
  try {
    await mail.send(message);
    return true;
  } catch (error) {
    console.error(`mail to ${message.to} for case ${caseId} failed`, error);
    await recordEvent(records.dynamo, records.table, caseId, {
      actionId: `mail-failed-${message.dedupeKey ?? message.subject}`,
      at: new Date().toISOString(),
      step: null,
      lane: null,
      actor: null,
      action: `E-mail kepada ${message.to} gagal terkirim: "${message.subject}"`,
      notes: 'Layanan e-mail menolak atau tidak menjawab. Hubungi penerima dengan cara lain; berkas tetap berjalan.',
      documents: [],
    });
    return false;
  }
}
