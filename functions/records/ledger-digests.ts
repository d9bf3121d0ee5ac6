import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ledgerDigestKey, ledgerPartition, ledgerVersionsKey } from './keys.ts';
import { readRecord } from './check-record.ts';
import { conditionHeld, getRecord, queryRecords, updateInMaps } from './table-operations.ts';
import type { ClosedAs, LedgerEntries } from './service-ledger.ts';

/**
 * Digests of the dashboard's ledger. A year of a busy office is tens of megabytes of entries (one
 * per decision, keyed by its link); what the dashboard needs of a whole ledger part fits in a
 * digest a tenth of that size: the counts, the ids of the cases not closed, each step's waits as one
 * short string of minutes (so the median stays exact), and the survey answers summed per element.
 *
 * A digest must never hide an entry written after it was made. Every write of entries bumps its
 * part's version in the SOP's VERSIONS item, after the entries are written; a digest records the
 * version it was made from, read before the entries it digests, and is used only while that is
 * still the part's version. A part without a current digest is read from its entries, so a digest
 * late or missing makes the dashboard slower, never wrong. One window remains: between an entry's
 * write and its bump (a crash between them), the digest made before the write is still current and
 * lacks the entry, until the use case that wrote it is retried, which every caller is (the entry is
 * written again, then bumped).
 */

export interface LedgerTally {
  received: number;
  closed: Record<ClosedAs, number>;
  /** The cases received without a closing in the ledger: their records say how they stand. */
  open: string[];
  /** `<revision>#<step>` -> the service minutes of each decision's wait. */
  waits: Map<string, number[]>;
  /** The surveys: how many, and the answers of each IKM element (U1..U9) summed. */
  surveys: { count: number; sums: number[] };
}

export const emptyTally = (): LedgerTally => ({
  received: 0,
  closed: { tepat: 0, terlambat: 0, selesai: 0, ditolak: 0 },
  open: [],
  waits: new Map(),
  surveys: { count: 0, sums: [] },
});

/** What the ledger's entries (of a period, or of a whole part) count. */
export function tallyEntries(entries: LedgerEntries): LedgerTally {
  const into = emptyTally();
  into.received += Object.keys(entries.received).length;
  for (const closedAs of Object.values(entries.closed)) into.closed[closedAs] += 1;
  for (const caseId of Object.keys(entries.received)) if (!(caseId in entries.closed)) into.open.push(caseId);
  for (const wait of Object.values(entries.waited)) {
    const [, revision, step, minutes] = wait.split('|');
    const key = `${revision}#${step}`;
    const waited = into.waits.get(key);
    if (waited) waited.push(Number(minutes));
    else into.waits.set(key, [Number(minutes)]);
  }
  for (const survey of Object.values(entries.surveys)) {
    const digits = survey.slice(survey.indexOf('|') + 1);
    for (let i = 0; i < digits.length; i += 1) into.surveys.sums[i] = (into.surveys.sums[i] ?? 0) + Number(digits[i]);
    into.surveys.count += 1;
  }
  return into;
}

/** Adds `more` to `into`. */
export function addTally(into: LedgerTally, more: LedgerTally): LedgerTally {
  into.received += more.received;
  for (const closedAs of Object.keys(into.closed) as ClosedAs[]) into.closed[closedAs] += more.closed[closedAs];
  into.open.push(...more.open);
  for (const [key, minutes] of more.waits) {
    const waited = into.waits.get(key);
    if (waited) for (const one of minutes) waited.push(one);
    else into.waits.set(key, [...minutes]);
  }
  more.surveys.sums.forEach((sum, i) => {
    into.surveys.sums[i] = (into.surveys.sums[i] ?? 0) + sum;
  });
  into.surveys.count += more.surveys.count;
  return into;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const VersionsSchema = z.lazy(() =>
  z.object({
    versions: z.optional(z.record(z.string(), z.number())),
    digested: z.optional(z.record(z.string(), z.number())),
  }),
);

/**
 * Each part's version (bumped by every write of its entries) and the version its digest was last
 * made from; both keyed by the part (`<YYYY-MM>#<n>`, the sort key of its entries' item).
 */
export async function readLedgerVersions(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
): Promise<{ versions: Record<string, number>; digested: Record<string, number> }> {
  const item = await getRecord(client, table, ledgerVersionsKey(sop), (found) =>
    readRecord(VersionsSchema, 'versi buku layanan', found),
  );
  return { versions: item?.versions ?? {}, digested: item?.digested ?? {} };
}

/** Bumps a part's version: after its entries are written, so a digest made before them is no longer used. */
export function bumpLedgerVersion(client: DynamoDBDocumentClient, table: string, sop: string, part: string) {
  return setInVersions(
    client,
    table,
    sop,
    'SET versions.#part = if_not_exists(versions.#part, :zero) + :one',
    {
      '#part': part,
    },
    { ':zero': 0, ':one': 1 },
  );
}

/** Notes that the part's digest is made from `version`, so the sweep does not make it again. */
export function markPartDigested(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  part: string,
  version: number,
) {
  return setInVersions(client, table, sop, 'SET digested.#part = :version', { '#part': part }, { ':version': version });
}

/** An update of the VERSIONS item's maps, which are made first where the item has none yet. */
function setInVersions(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  expression: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<void> {
  return updateInMaps(client, { table, key: ledgerVersionsKey(sop), expression, names, values }, [
    'versions',
    'digested',
  ]);
}

/**
 * A step's waits as a digest keeps them: sorted, each as its difference from the one before, in
 * base 36, comma-separated. Most waits of a part are close to each other, so most differences are
 * one character: a year of 50,000 cases' 415,000 waits is about 1 MB instead of 2.
 */
export function encodeMinutes(minutes: readonly number[]): string {
  const sorted = Float64Array.from(minutes).sort();
  let previous = 0;
  return Array.from(sorted, (value) => {
    const delta = (value - previous).toString(36);
    previous = value;
    return delta;
  }).join(',');
}

export function decodeMinutes(text: string): number[] {
  let value = 0;
  return text.split(',').map((delta) => {
    value += Number.parseInt(delta, 36);
    return value;
  });
}

/** A digest as the table keeps it: the waits of a step as one string (encodeMinutes), the sums as a list. */
const DigestSchema = z.lazy(() =>
  z.object({
    part: z.string(),
    digestOf: z.number(),
    received: z.number(),
    closed: z.object({ tepat: z.number(), terlambat: z.number(), selesai: z.number(), ditolak: z.number() }),
    open: z.array(z.string()),
    waits: z.record(z.string(), z.string()),
    surveys: z.number(),
    surveySums: z.array(z.number()),
  }),
);

export interface LedgerDigest {
  part: string;
  /** The part's version it was made from. */
  digestOf: number;
  tally: LedgerTally;
}

/** The digests of an SOP's parts from `fromPart` to `toPart` (both inclusive). */
export async function readLedgerDigests(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  fromPart: string,
  toPart: string,
): Promise<LedgerDigest[]> {
  return queryRecords(
    client,
    table,
    {
      partition: ledgerPartition(sop),
      range: { between: [ledgerDigestKey(sop, fromPart).sk, ledgerDigestKey(sop, toPart).sk] },
    },
    (item) => {
      const digest = readRecord(DigestSchema, 'ringkasan buku layanan', item);
      const waits = new Map(
        Object.entries(digest.waits).map(([key, minutes]) => [key, decodeMinutes(minutes)] as const),
      );
      return {
        part: digest.part,
        digestOf: digest.digestOf,
        tally: {
          received: digest.received,
          closed: digest.closed,
          open: digest.open,
          waits,
          surveys: { count: digest.surveys, sums: digest.surveySums },
        },
      };
    },
  );
}

/** Writes a part's digest, unless one made from the same or a later version is there (two sweeps at once). */
export async function putLedgerDigest(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  digest: LedgerDigest,
): Promise<void> {
  const { tally } = digest;
  await conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...ledgerDigestKey(sop, digest.part),
          part: digest.part,
          digestOf: digest.digestOf,
          received: tally.received,
          closed: tally.closed,
          open: tally.open,
          waits: Object.fromEntries([...tally.waits].map(([key, minutes]) => [key, encodeMinutes(minutes)])),
          surveys: tally.surveys.count,
          surveySums: tally.surveys.sums,
        },
        ConditionExpression: 'attribute_not_exists(digestOf) OR digestOf < :version',
        ExpressionAttributeValues: { ':version': digest.digestOf },
      }),
    ),
  );
}
