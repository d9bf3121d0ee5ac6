import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MailNotSent, type MailProvider } from '#mail/mail-message.ts';
import { recordEvent } from '#records/case-records.ts';
import { linkOfMailKey, markLinkNotified } from '#records/links.ts';
import { recordApplicantTold, toldIdOfMailKey } from './applicant-told.ts';
import { listQueuedMail, removeQueuedMail, rescheduleQueuedMail, type QueuedMail } from '#records/mail-retries.ts';

/** Minutes before each try after the first: about a day in all, then staff are told it did not go. */
const BACKOFF_MINUTES = [2, 10, 30, 120, 360, 720];

/** When try `attempts + 1` is due, after `attempts` failed. */
export function nextTry(attempts: number, from: Date): Date {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 720;
  return new Date(from.getTime() + minutes * 60_000);
}

/**
 * Sends again the e-mails the mail service did not take (send-case-mail.ts), those due by `now`:
 *  1. sent: removed from the queue, the trail says on which try; a link's e-mail marks its link
 *     notified, and an applicant's writes the moment's line, so the step's next ask, or the moment
 *     retried, does not mail it once more;
 *  2. refused for good, or not sent after the last try: removed, and the trail tells staff to
 *     reach the person another way;
 *  3. not sent yet: the next try is scheduled further off.
 * On AWS the five-minute sweep runs it (sweep-deliveries.ts); locally, the runtime's timer.
 */
export async function retryQueuedMail(
  mail: MailProvider,
  records: { dynamo: DynamoDBDocumentClient; table: string },
  now: Date = new Date(),
): Promise<{ sent: number; waiting: number; abandoned: number }> {
  const result = { sent: 0, waiting: 0, abandoned: 0 };
  for (const queued of await listQueuedMail(records.dynamo, records.table)) {
    if (new Date(queued.nextAt) > now) {
      result.waiting += 1;
      continue;
    }
    const attempts = queued.attempts + 1;
    try {
      await mail.send(queued.message);
      await removeQueuedMail(records.dynamo, records.table, queued.id);
      const linkId = linkOfMailKey(queued.message.dedupeKey);
      if (linkId) await markLinkNotified(records.dynamo, records.table, linkId, now.toISOString(), queued.message.to);
      const told = toldIdOfMailKey(queued.caseId, queued.message.dedupeKey);
      if (told) await recordApplicantTold(records, queued.caseId, told, queued.message.subject, now);
      await trail(records, queued, now, `terkirim pada percobaan ke-${attempts}`, '');
      result.sent += 1;
    } catch (error) {
      const permanent = error instanceof MailNotSent && error.permanent;
      if (permanent || attempts > BACKOFF_MINUTES.length) {
        await removeQueuedMail(records.dynamo, records.table, queued.id);
        await trail(
          records,
          queued,
          now,
          `gagal terkirim setelah ${attempts} percobaan`,
          'Hubungi penerima dengan cara lain; berkas tetap berjalan.',
        );
        result.abandoned += 1;
      } else {
        const lastError = String((error as Error).message ?? error).slice(0, 500);
        await rescheduleQueuedMail(records.dynamo, records.table, {
          ...queued,
          attempts,
          nextAt: nextTry(attempts, now).toISOString(),
          lastError,
        });
        result.waiting += 1;
      }
    }
  }
  return result;
}

function trail(
  records: { dynamo: DynamoDBDocumentClient; table: string },
  queued: QueuedMail,
  now: Date,
  what: string,
  notes: string,
) {
  return recordEvent(records.dynamo, records.table, queued.caseId, {
    actionId: `mail-retry-${queued.id}-${now.toISOString()}`,
    at: now.toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: `E-mail kepada ${queued.message.to} ${what}: "${queued.message.subject}"`,
    notes,
    documents: [],
  });
}
