import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MailNotSent, type MailMessage, type MailProvider } from '#mail/mail-message.ts';
import { recordEvent } from '#records/case-records.ts';
import { getQueuedMail, queueMail, removeQueuedMail } from '#records/mail-retries.ts';
import { count, logger } from '#runtime/observability.ts';
import { nextTry } from './retry-queued-mail.ts';

/**
 * Sends a case's e-mail without letting the mail service decide the case's fate; the step goes on
 * whatever the service says, and returns whether it went out:
 *  1. sent: done;
 *  2. refused for good (the server's 5xx: no such mailbox): logged for the operator and written in
 *     the case's trail for staff, who reach the person another way;
 *  3. not taken now (the server unreachable, a 4xx refusal, SES throttling): queued once and sent
 *     again with backoff by the sweep (retry-queued-mail.ts), which the trail says;
 *  4. the same e-mail already queued (a step retried, or asked again at a reminder, after its mail
 *     was queued): the queue owns it and nothing is sent now, or the sweep would send it a second
 *     time. One queued under the same key but no longer the same (the link now goes to a deputy, a
 *     new expiry date) is taken out of the queue and this one sent in its place.
 */
export async function sendCaseMail(
  mail: MailProvider,
  records: { dynamo: DynamoDBDocumentClient; table: string },
  caseId: string,
  message: MailMessage,
  now: Date = new Date(),
  /** The message's key was made in this attempt (a link just created): nothing can be queued under it yet. */
  neverQueued = false,
): Promise<boolean> {
  const id = message.dedupeKey ?? createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);
  const queued = neverQueued ? undefined : await getQueuedMail(records.dynamo, records.table, id);
  if (queued && sameMail(queued.message, message)) return false;
  if (queued) await removeQueuedMail(records.dynamo, records.table, id);
  try {
    await mail.send(message);
    return true;
  } catch (error) {
    logger.error(`mail to ${message.to} for case ${caseId} failed`, error as Error);
    count('MailFailures');
    const permanent = error instanceof MailNotSent && error.permanent;
    if (!permanent)
      await queueMail(records.dynamo, records.table, {
        id,
        caseId,
        message,
        attempts: 1,
        nextAt: nextTry(1, now).toISOString(),
        lastError: String((error as Error).message ?? error).slice(0, 500),
      });
    await recordEvent(records.dynamo, records.table, caseId, {
      actionId: `mail-failed-${message.dedupeKey ?? message.subject}`,
      at: now.toISOString(),
      step: null,
      lane: null,
      actor: null,
      action: `E-mail kepada ${message.to} gagal terkirim: "${message.subject}"`,
      notes: permanent
        ? 'Server surat menolak alamat atau pesan ini. Hubungi penerima dengan cara lain; berkas tetap berjalan.'
        : 'Layanan e-mail tidak menerimanya saat ini; Paraf mengirimnya ulang otomatis beberapa kali, dan berkas tetap berjalan.',
      documents: [],
    });
    return false;
  }
}

const sameMail = (a: MailMessage, b: MailMessage) => a.to === b.to && a.subject === b.subject && a.text === b.text;
