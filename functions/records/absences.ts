import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord } from './check-record.ts';
import { ABSENCE_PARTITION, absenceKey } from './keys.ts';
import { conditionHeld, putIfAbsent, queryRecords } from './table-operations.ts';

/**
 * An official away (dinas luar, cuti, sakit) from `from` to `to`, office days (WITA) inclusive, and
 * the deputy from the staff directory who acts in their stead meanwhile. Ended early, `to` is the
 * day it ended and `endedAt` says when.
 */
export interface Absence {
  absenceId: string;
  officialId: string;
  deputyId: string;
  as: 'an' | 'plh' | 'plt';
  from: string;
  to: string;
  reason: string;
  recordedBy: string;
  recordedAt: string;
  endedAt?: string;
  endedBy?: string;
}

const day = z.iso.date();
const AbsenceSchema: z.ZodType<Absence> = z.object({
  absenceId: z.string(),
  officialId: z.string(),
  deputyId: z.string(),
  as: z.enum(['an', 'plh', 'plt']),
  from: day,
  to: day,
  reason: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  endedAt: z.string().optional(),
  endedBy: z.string().optional(),
});

/** Records an absence once: a retry with the same id writes nothing. */
export function putAbsence(client: DynamoDBDocumentClient, table: string, absence: Absence): Promise<boolean> {
  return putIfAbsent(client, table, { ...absenceKey(absence.absenceId), ...absence });
}

/** Every absence recorded, ended ones included (the trail of who stood in when). */
export const listAbsences = (client: DynamoDBDocumentClient, table: string) =>
  queryRecords(client, table, { partition: ABSENCE_PARTITION }, (item) =>
    readRecord(AbsenceSchema, 'ketidakhadiran', item),
  );

/** Ends an absence on `lastDay` (the official is back): only one not already ended. */
export function endAbsence(
  client: DynamoDBDocumentClient,
  table: string,
  end: { absenceId: string; lastDay: string; endedAt: string; endedBy: string },
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: absenceKey(end.absenceId),
        UpdateExpression: 'SET #to = :to, endedAt = :at, endedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt)',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':to': end.lastDay, ':at': end.endedAt, ':by': end.endedBy },
      }),
    ),
  );
}
