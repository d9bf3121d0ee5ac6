import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { IKM_ELEMENTS, type SurveyAnswers } from '#survey/ikm.ts';
import { logger } from '#runtime/observability.ts';
import { LEDGER_FILLED, ledgerKey, ledgerPartKey, ledgerPartOf, ledgerPartition } from './keys.ts';
import { readRecord } from './check-record.ts';
import {
  addTally,
  bumpLedgerVersion,
  readLedgerDigests,
  readLedgerVersions,
  tallyEntries,
  type LedgerTally,
} from './ledger-digests.ts';
import { getRecord, getRecords, queryAll, updateInMaps } from './table-operations.ts';

/**
 * The dashboard's ledger: what summarizeService counts, written as it happens, so that a year of
 * cases is a few hundred items to read instead of every case and every link of it.
 *
 * Each fact is one entry of a map, keyed by what it is about (the case, the link), so writing it
 * again (a retried task, a restart finishing a decision) writes the same entry: no counter to
 * double, no guard to keep, and no transaction (which dynalite lacks). The entries of a case go in
 * the item of the day it was received; a survey goes in the item of the day it was filled in.
 * The dashboard reads a whole part from its digest where that is current (ledger-digests.ts).
 */
export type ClosedAs = 'tepat' | 'terlambat' | 'selesai' | 'ditolak';

export interface LedgerEntries {
  /** caseId -> WITA day it was received (YYYY-MM-DD). */
  received: Record<string, string>;
  /** caseId -> how it closed: on time or late against its promised date, completed without one, rejected. */
  closed: Record<string, ClosedAs>;
  /** linkId -> the wait a step's decision ended: `<caseId>|<revision>|<step>|<service minutes>`. */
  waited: Record<string, string>;
  /** caseId -> the survey: `<WITA day filled in>|<the answers of U1..U9, one digit each>`. */
  surveys: Record<string, string>;
}
type Field = keyof LedgerEntries;

/** An entry of the ledger: in which map, under which id, what. */
export type LedgerEntry = [field: Field, id: string, value: string];

/** The most entries one update writes, well inside DynamoDB's limits on an expression's size. */
const ENTRIES_PER_UPDATE = 40;

/**
 * Writes entries of one item of the ledger (the SOP's, for the part of the month `day` falls in);
 * the item and its maps are made where they do not exist yet; then the part's version is bumped,
 * so its digest is made again. Every write is safe to repeat.
 */
export async function writeLedgerEntries(
  client: DynamoDBDocumentClient,
  table: string,
  at: { sop: string; day: string },
  entries: readonly LedgerEntry[],
): Promise<void> {
  // One path twice in an update is refused ("two document paths overlap"): the last entry stands.
  const unique = [...new Map(entries.map((entry) => [`${entry[0]}\u0000${entry[1]}`, entry])).values()];
  for (let from = 0; from < unique.length; from += ENTRIES_PER_UPDATE) {
    const chunk = unique.slice(from, from + ENTRIES_PER_UPDATE);
    const fields = [...new Set(chunk.map(([field]) => field))];
    await updateInMaps(
      client,
      {
        table,
        key: ledgerKey(at.sop, at.day),
        expression: `SET ${chunk.map(([field], i) => `#${field}.#i${i} = :v${i}`).join(', ')}`,
        names: {
          ...Object.fromEntries(fields.map((field) => [`#${field}`, field])),
          ...Object.fromEntries(chunk.map(([, id], i) => [`#i${i}`, id])),
        },
        values: Object.fromEntries(chunk.map(([, , value], i) => [`:v${i}`, value])),
      },
      fields,
    );
  }
  if (unique.length) await bumpLedgerVersion(client, table, at.sop, ledgerPartOf(at.day));
}

/**
 * A use case's entry. An item full to DynamoDB's 400 KB (about 650 cases of one SOP in eight days)
 * refuses it for good: that is logged as an error and the case goes on, since the ledger only
 * counts what the case records hold (a closing missing from it is read from the case's record).
 */
async function writeEntry(
  client: DynamoDBDocumentClient,
  table: string,
  at: { sop: string; day: string },
  ...entry: LedgerEntry
): Promise<void> {
  try {
    await writeLedgerEntries(client, table, at, [entry]);
  } catch (error) {
    if ((error as Error).name !== 'ValidationException' || !/size/i.test((error as Error).message)) throw error;
    logger.error('service ledger: the item is full; the entry is not counted on the dashboard', {
      sop: at.sop,
      day: at.day,
      field: entry[0],
      id: entry[1],
      error: error as Error,
    });
  }
}

/** A step's wait as the ledger keeps it. */
export const waitEntry = (entry: {
  linkId: string;
  caseId: string;
  revision: string;
  step: number;
  minutes: number;
}): LedgerEntry => ['waited', entry.linkId, `${entry.caseId}|${entry.revision}|${entry.step}|${entry.minutes}`];

/** A survey as the ledger keeps it. */
export const surveyEntry = (entry: { caseId: string; day: string; answers: SurveyAnswers }): LedgerEntry => [
  'surveys',
  entry.caseId,
  `${entry.day}|${IKM_ELEMENTS.map((element) => entry.answers[element.id]).join('')}`,
];

/** A case received, as the ledger keeps it. */
export const receivedEntry = (entry: { caseId: string; receivedDay: string }): LedgerEntry => [
  'received',
  entry.caseId,
  entry.receivedDay,
];

/** How a case closed, as the ledger keeps it. */
export const closedEntry = (entry: { caseId: string; closedAs: ClosedAs }): LedgerEntry => [
  'closed',
  entry.caseId,
  entry.closedAs,
];

export const recordReceived = (
  client: DynamoDBDocumentClient,
  table: string,
  entry: Parameters<typeof receivedEntry>[0] & { sop: string },
) => writeEntry(client, table, { sop: entry.sop, day: entry.receivedDay }, ...receivedEntry(entry));

export const recordClosed = (
  client: DynamoDBDocumentClient,
  table: string,
  entry: Parameters<typeof closedEntry>[0] & { sop: string; receivedDay: string },
) => writeEntry(client, table, { sop: entry.sop, day: entry.receivedDay }, ...closedEntry(entry));

export const recordWait = (
  client: DynamoDBDocumentClient,
  table: string,
  entry: Parameters<typeof waitEntry>[0] & { sop: string; receivedDay: string },
) => writeEntry(client, table, { sop: entry.sop, day: entry.receivedDay }, ...waitEntry(entry));

export const recordSurvey = (
  client: DynamoDBDocumentClient,
  table: string,
  entry: Parameters<typeof surveyEntry>[0] & { sop: string },
) => writeEntry(client, table, { sop: entry.sop, day: entry.day }, ...surveyEntry(entry));

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const LedgerItemSchema = z.lazy(() => {
  const entries = z.record(z.string(), z.string());
  return z.object({
    received: z.optional(entries),
    closed: z.optional(z.record(z.string(), z.enum(['tepat', 'terlambat', 'selesai', 'ditolak']))),
    waited: z.optional(entries),
    surveys: z.optional(entries),
  });
});

/**
 * What the ledger of an SOP counts from day `from` to day `to` (WITA, both inclusive): the cases
 * received in it with their closings and waits, and the surveys filled in in it. A part wholly in
 * the period is read from its digest where that is current, any other part from its entries.
 */
export async function readLedger(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  from: string,
  to: string,
): Promise<LedgerTally> {
  // Only parts ever written have a version, so a period of any length costs what was written in it.
  const { versions } = await readLedgerVersions(client, table, sop);
  const parts = Object.keys(versions)
    .sort()
    .flatMap((part) => {
      const { first, last } = partSpan(part);
      return last < from || first > to ? [] : [{ part, whole: first >= from && last <= to }];
    });
  const whole = parts.filter((part) => part.whole);
  const [first, last] = [whole.at(0), whole.at(-1)];
  const digests = first && last ? await readLedgerDigests(client, table, sop, first.part, last.part) : [];
  const current = new Map(
    digests.filter((digest) => versions[digest.part] === digest.digestOf).map((digest) => [digest.part, digest.tally]),
  );
  const unread = parts.filter((part) => !(part.whole && current.has(part.part)));
  const items = await getRecords(
    client,
    table,
    unread.map((part) => ledgerPartKey(sop, part.part)),
    (item) => readRecord(LedgerItemSchema, 'buku layanan', item),
  );
  const tally = tallyEntries(
    entriesInPeriod(
      items.flatMap((item) => item ?? []),
      from,
      to,
    ),
  );
  for (const digested of current.values()) addTally(tally, digested);
  return tally;
}

/** The entries of a whole part, read consistently (for its digest), or undefined where it has none. */
export async function readLedgerPart(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  part: string,
): Promise<LedgerEntries | undefined> {
  const item = await getRecord(client, table, ledgerPartKey(sop, part), (found) =>
    readRecord(LedgerItemSchema, 'buku layanan', found),
  );
  return item && entriesInPeriod([item], '0000-00-00', '9999-99-99');
}

/** The first and last day of a part (`<YYYY-MM>#<n>`): days 1-8, 9-16, 17-24, 25 to the month's end. */
export function partSpan(part: string): { first: string; last: string } {
  const month = part.slice(0, 7);
  const n = Number(part.slice(8));
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
  return { first: day(8 * n - 7), last: day(n < 4 ? 8 * n : days) };
}

/** The entries of ledger items about the cases received, and the surveys filled in, from `from` to `to`. */
function entriesInPeriod(parts: z.infer<typeof LedgerItemSchema>[], from: string, to: string): LedgerEntries {
  const ledger: LedgerEntries = { received: {}, closed: {}, waited: {}, surveys: {} };
  const inPeriod = (day: string) => day >= from && day <= to;
  for (const part of parts) {
    for (const [caseId, day] of Object.entries(part.received ?? {})) if (inPeriod(day)) ledger.received[caseId] = day;
    for (const [caseId, day] of Object.entries(part.surveys ?? {}))
      if (inPeriod(day.slice(0, 10))) ledger.surveys[caseId] = day;
  }
  for (const part of parts) {
    for (const [caseId, closedAs] of Object.entries(part.closed ?? {}))
      if (caseId in ledger.received) ledger.closed[caseId] = closedAs;
    for (const [linkId, wait] of Object.entries(part.waited ?? {}))
      if (wait.slice(0, wait.indexOf('|')) in ledger.received) ledger.waited[linkId] = wait;
  }
  return ledger;
}

const FillMarkSchema = z.lazy(() => z.object({ at: z.string(), versioned: z.optional(z.boolean()) }));

/**
 * When the ledger was filled from the records written before it was kept (fill-service-ledger.ts),
 * and whether its parts carry versions (ledger-digests.ts); undefined until it was filled.
 */
export const ledgerFillMark = (client: DynamoDBDocumentClient, table: string) =>
  getRecord(client, table, LEDGER_FILLED, (item) => readRecord(FillMarkSchema, 'buku layanan', item));

export const ledgerFilledAt = async (client: DynamoDBDocumentClient, table: string) =>
  (await ledgerFillMark(client, table))?.at;

export async function markLedgerFilled(client: DynamoDBDocumentClient, table: string, at: string): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { ...LEDGER_FILLED, at, versioned: true } }));
}

/** The parts of an SOP's ledger that have entries, by name (`<YYYY-MM>#<n>`), their entries left unread. */
export async function listLedgerParts(client: DynamoDBDocumentClient, table: string, sop: string): Promise<string[]> {
  const items = await queryAll(client, {
    TableName: table,
    ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ProjectionExpression: 'sk',
    ExpressionAttributeValues: { ':pk': ledgerPartition(sop), ':from': '0000', ':to': '9999' },
  });
  return items.map((item) => String(item.sk));
}
