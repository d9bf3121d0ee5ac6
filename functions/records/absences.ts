import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { checkBeforeWrite, readRecord } from './check-record.ts';
import { ABSENCE_PARTITION, absenceKey, pastAbsenceKey, pastAbsencePartition } from './keys.ts';
import { conditionHeld, putIfAbsent, queryPages, queryRecords } from './table-operations.ts';

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
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const AbsenceSchema: z.ZodMiniType<Absence> = z.lazy(() =>
  z.object({
    absenceId: z.string(),
    officialId: z.string(),
    deputyId: z.string(),
    as: z.enum(['an', 'plh', 'plt']),
    from: day,
    to: day,
    reason: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    endedAt: z.optional(z.string()),
    endedBy: z.optional(z.string()),
  }),
);

const readAbsence = (item: Record<string, unknown>) => readRecord(AbsenceSchema, 'ketidakhadiran', item);

/** Records an absence once: a retry with the same id writes nothing. */
export function putAbsence(client: DynamoDBDocumentClient, table: string, absence: Absence): Promise<boolean> {
  const key = absenceKey(absence.absenceId);
  return putIfAbsent(client, table, { ...key, ...checkBeforeWrite(AbsenceSchema, 'ketidakhadiran', key, absence) });
}

/**
 * The absences in the live partition: every one not over, and those over that no record or end of an
 * absence has moved to their year yet (retireOverAbsences).
 */
export const listLiveAbsences = (client: DynamoDBDocumentClient, table: string) =>
  queryRecords(client, table, { partition: ABSENCE_PARTITION }, readAbsence);

/**
 * Every absence whose last day is `day` or later, as of `today` (both YYYY-MM-DD, WITA): those a
 * question about `day` or after can concern. For a day before today the years an absence over may
 * have been moved to are read too; one a cut-off move left in both places is given once.
 */
export async function listAbsencesEndingFrom(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
  today: string,
): Promise<Absence[]> {
  const live = (await listLiveAbsences(client, table)).filter((absence) => absence.to >= day);
  if (day >= today) return live;
  const years = yearsBetween(day, today);
  const moved = await Promise.all(
    years.map((year) =>
      queryRecords(
        client,
        table,
        { partition: pastAbsencePartition(year), range: { between: [day, LAST_SORT_KEY] } },
        readAbsence,
      ),
    ),
  );
  const found = new Map(moved.flat().map((absence) => [absence.absenceId, absence]));
  for (const absence of live) found.set(absence.absenceId, absence);
  return [...found.values()];
}

/** Beyond every `<YYYY-MM-DD>#<absence>` sort key. */
const LAST_SORT_KEY = '9999-12-31#~';

const yearsBetween = (from: string, to: string) => {
  const years: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) years.push(String(year));
  return years;
};

/**
 * The absences over that were moved out of the live partition, the latest ended first, as many as
 * `count` of those `keep` accepts, from this year and the one before (what the absences page lists).
 */
export async function listLatestPastAbsences(
  client: DynamoDBDocumentClient,
  table: string,
  { today, count, keep }: { today: string; count: number; keep: (absence: Absence) => boolean },
): Promise<Absence[]> {
  const found: Absence[] = [];
  const year = Number(today.slice(0, 4));
  for (const partition of [pastAbsencePartition(String(year)), pastAbsencePartition(String(year - 1))]) {
    const pages = queryPages(client, {
      TableName: table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
    });
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const absence = readAbsence(item);
        if (keep(absence)) found.push(absence);
        if (found.length >= count) return found;
      }
    }
  }
  return found;
}

/**
 * Moves the absences over out of the live partition into their year's, so that the reads of every
 * approval stay as small as the absences in force. Only those whose last day is before yesterday
 * move: an end may still be under way on an absence whose last day is today, or yesterday where two
 * requests disagree on the day at midnight (endAbsence ends only one in force on its own today).
 * A move cut off anywhere is finished by the next: the copy is written whole, then the live item is
 * deleted only while it is still what was copied (or gone: another request moved it); where it
 * changed, the stale copy is taken back and the next move copies it as it is then.
 */
export async function retireOverAbsences(
  client: DynamoDBDocumentClient,
  table: string,
  live: readonly Absence[],
  today: string,
): Promise<void> {
  const yesterday = dayBefore(today);
  for (const absence of live.filter((a) => a.to < yesterday)) {
    await client.send(new PutCommand({ TableName: table, Item: { ...pastAbsenceKey(absence), ...absence } }));
    const moved = await conditionHeld(
      client.send(
        new DeleteCommand({
          TableName: table,
          Key: absenceKey(absence.absenceId),
          // Gone already is moved already (another request finished the same move).
          ConditionExpression: `attribute_not_exists(pk) OR (#to = :to AND ${absence.endedAt ? 'endedAt = :endedAt' : 'attribute_not_exists(endedAt)'})`,
          ExpressionAttributeNames: { '#to': 'to' },
          ExpressionAttributeValues: { ':to': absence.to, ...(absence.endedAt ? { ':endedAt': absence.endedAt } : {}) },
        }),
      ),
    );
    if (!moved) await client.send(new DeleteCommand({ TableName: table, Key: pastAbsenceKey(absence) }));
  }
}

/** The office day before `day` (YYYY-MM-DD): calendar arithmetic on the date alone. */
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Ends an absence on `lastDay` (the official is back): only one in force on `today` and not already
 * ended, so that an absence over never changes again (retireOverAbsences relies on it).
 */
export function endAbsence(
  client: DynamoDBDocumentClient,
  table: string,
  end: { absenceId: string; lastDay: string; endedAt: string; endedBy: string; today: string },
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: absenceKey(end.absenceId),
        UpdateExpression: 'SET #to = :to, endedAt = :at, endedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt) AND #to >= :today',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':to': end.lastDay, ':at': end.endedAt, ':by': end.endedBy, ':today': end.today },
      }),
    ),
  );
}
