import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { LongTermFacts } from '#signing/long-term.ts';
import { readRecord, type RecordShape } from './check-record.ts';
import { LONG_TERM_PARTITION, longTermIndexKeys, longTermKey, permitKey } from './keys.ts';
import { copyToNameEntries } from './permit-index.ts';
import { PERMIT_INDEXES } from './table.ts';
import { conditionHeld, getRecord, queryRecords } from './table-operations.ts';

/**
 * What the archive keeps of an issued document's long-term validation, per copy: the PAdES level,
 * the TSAs, the last document timestamp with its TSA certificate's expiry, and what the /DSS holds.
 * A renewal (cases/renew-timestamps.ts) finds by it, through GSI4, every document whose last
 * timestamp's TSA certificate expires before a date.
 */
export interface LongTermRecord {
  caseId: string;
  kind: string;
  /** The document's revision (document-state.ts) these copies are. */
  revision: number;
  /** The earliest expiry among the copies' last timestamps' TSA certificates (ISO 8601). */
  expiresAt: string;
  copies: (LongTermFacts & { copy: number; key: string; sha256: string })[];
  /** Each renewal: the date it was asked to reach, when it ran, the revision it made. */
  renewals: { before: string; at: string; revision: number }[];
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const tsa = z.lazy(() => z.object({ name: text, serial: text, notAfter: text }));
const LongTermRecordSchema: z.ZodMiniType<LongTermRecord> = z.lazy(() =>
  z.object({
    caseId: text,
    kind: text,
    revision: z.number(),
    expiresAt: text,
    copies: z.array(
      z.object({
        copy: z.number(),
        key: text,
        sha256: text,
        level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']),
        tsas: z.array(tsa),
        lastTimestamp: z.nullable(z.object({ field: text, at: text, tsa })),
        validationData: z.object({
          certificates: z.array(z.object({ subject: text, serial: text, notAfter: text, sha256: text })),
          ocspResponses: z.array(
            z.object({
              sha256: text,
              producedAt: text,
              statuses: z.array(z.object({ serial: text, status: text })),
            }),
          ),
        }),
      }),
    ),
    renewals: z.array(z.object({ before: text, at: text, revision: z.number() })),
  } satisfies RecordShape<LongTermRecord>),
);

const INDEX = PERMIT_INDEXES.sop;
const read = (item: Record<string, unknown>) =>
  readRecord(LongTermRecordSchema, 'validasi jangka panjang', item, [INDEX.partition, INDEX.sort]);

export const getLongTermRecord = (client: DynamoDBDocumentClient, table: string, caseId: string, kind: string) =>
  getRecord(client, table, longTermKey(caseId, kind), read);

/**
 * Writes a document's record unless a newer revision's is there already: a retried step, or a
 * renewal finishing what a crash cut short, writes the same facts again; a stale one loses.
 */
export async function putLongTermRecord(
  client: DynamoDBDocumentClient,
  table: string,
  record: LongTermRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...longTermKey(record.caseId, record.kind),
          ...longTermIndexKeys(record.expiresAt, record.caseId, record.kind),
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR revision <= :revision',
        ExpressionAttributeValues: { ':revision': record.revision },
      }),
    ),
  );
}

/** Every document whose last timestamp's TSA certificate expires before `before` (ISO 8601), soonest first. */
export const listExpiringLongTerm = (client: DynamoDBDocumentClient, table: string, before: string) =>
  queryRecords(client, table, { partition: LONG_TERM_PARTITION, range: { before }, index: INDEX }, read);

/**
 * The issued permit's copies after a renewal: the verification page and the archive search compare
 * a holder's file with these hashes. Only the copies change; a document never archived as a permit
 * (not issued yet) has none to change, and archive-case will copy the document's state.
 */
export async function replacePermitCopies(
  client: DynamoDBDocumentClient,
  table: string,
  documentId: string,
  copies: { copy: number; key: string; sha256: string }[],
): Promise<boolean> {
  const replaced = await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: permitKey(documentId),
        UpdateExpression: 'SET copies = :copies ADD changes :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':copies': copies, ':one': 1 },
      }),
    ),
  );
  // The search by name answers from the name entries: they show the renewed copies too.
  if (replaced) await copyToNameEntries(client, table, documentId);
  return replaced;
}
