import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { MailMessage } from '#mail/mail-message.ts';
import { readRecord, type RecordShape } from './check-record.ts';
import { MAIL_RETRY, mailRetryKey } from './keys.ts';
import { getRecord, putIfAbsent, queryRecords } from './table-operations.ts';

/** An e-mail the mail service did not take, waiting to be sent again (cases/retry-queued-mail.ts). */
export interface QueuedMail {
  id: string;
  caseId: string;
  message: MailMessage;
  /** Tries made so far, the first included. */
  attempts: number;
  nextAt: string;
  /** What the mail service said last, for the operator (never shown to the recipient). */
  lastError: string;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const QueuedMailSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    caseId: z.string(),
    message: z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      links: z.array(z.object({ label: z.string(), url: z.string() })),
      dedupeKey: z.optional(z.string()),
    }),
    attempts: z.number().check(z.int(), z.gte(1)),
    nextAt: z.string(),
    lastError: z.string(),
  } satisfies RecordShape<QueuedMail>),
);

/** A queued message as its schema names it: attributes a newer writer added stay behind. */
function readQueuedMail(item: Record<string, unknown>): QueuedMail {
  const { id, caseId, message, attempts, nextAt, lastError } = readRecord(QueuedMailSchema, 'e-mail antrean', item);
  return { id, caseId, message, attempts, nextAt, lastError };
}

/** Queues a message once: a step retried after its mail failed does not queue it twice. */
export function queueMail(client: DynamoDBDocumentClient, table: string, queued: QueuedMail): Promise<boolean> {
  return putIfAbsent(client, table, { ...mailRetryKey(queued.id), ...queued });
}

/** A message in the queue now, waiting for the sweep; undefined when none is queued under the id. */
export const getQueuedMail = (client: DynamoDBDocumentClient, table: string, id: string) =>
  getRecord(client, table, mailRetryKey(id), readQueuedMail);

export const listQueuedMail = (client: DynamoDBDocumentClient, table: string) =>
  queryRecords(client, table, { partition: MAIL_RETRY }, readQueuedMail);

export async function rescheduleQueuedMail(
  client: DynamoDBDocumentClient,
  table: string,
  queued: QueuedMail,
): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { ...mailRetryKey(queued.id), ...queued } }));
}

export async function removeQueuedMail(client: DynamoDBDocumentClient, table: string, id: string): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: mailRetryKey(id) }));
}
