import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from '#records/check-record.ts';
import {
  duplicateNumberKey,
  type ItemKey,
  numberClaimKey,
  pendingClaim,
  registerCounterKey,
  registerIndexKeys,
} from '#records/keys.ts';
import { conditionHeld, isConditionFailure, putIfAbsent } from '#records/table-operations.ts';
import type { Register } from '#sop/schema.ts';
import { witaYearMonth } from '#clock/wita.ts';
import { formatNumber } from './format-number.ts';

export interface AssignedNumber {
  register: string;
  year: number;
  seq: number;
  number: string;
  caseId: string;
  documentKind: string;
  assignedAt: string;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
export const AssignedNumberSchema: z.ZodMiniType<AssignedNumber> = z.lazy(() =>
  z.object({
    register: z.string(),
    year: z.number(),
    seq: z.number(),
    number: z.string(),
    caseId: z.string(),
    documentKind: z.string(),
    assignedAt: z.string(),
  } satisfies RecordShape<AssignedNumber>),
);

/** A case's claim on a number (NUMBER#): the number, and its voiding if it was voided. */
export const NumberClaimSchema = z.lazy(() =>
  z.object({
    assigned: AssignedNumberSchema,
    void: z.optional(z.object({ reason: z.string(), at: z.string() })),
  }),
);
/** The claim's place in its register's list (GSI1): not part of the claim. */
export const CLAIM_INDEX = ['gsi1pk', 'gsi1sk'];
/** A register-year's counter: the last number given, and the numbers of claims in flight. */
export const RegisterCounterSchema = z.lazy(() =>
  z.object({ last: z.number(), pending: z.record(z.string(), z.number()) }),
);

export interface AssignNumberInput {
  register: Register;
  caseId: string;
  documentKind: string;
  /** When the Tata Usaha registered it: the year of the register and the month in the number. */
  at: Date;
}

/** The number `seq` of a claim's register, as its record keeps it: written by a claim, or voided (void-number.ts). */
export function assignedNumber(input: AssignNumberInput, seq: number): AssignedNumber {
  return {
    register: input.register.id,
    year: witaYearMonth(input.at).year,
    seq,
    number: formatNumber(input.register.format, seq, input.at),
    caseId: input.caseId,
    documentKind: input.documentKind,
    assignedAt: input.at.toISOString(),
  };
}

/**
 * Gives a case's document the next number of its register, once. Gapless and unique without
 * transactions (DynamoDB Local stand-ins have none):
 *  1. the case's claim record, if it exists, is the answer (a retried step);
 *  2. one atomic update of the register-year counter increments it and records the new number
 *     under pending.<claim> in the same write, so a crash after it cannot lose the number;
 *  3. the claim record is written (indexed in the register's order) and pending is cleared in a later write;
 *     when another attempt's record is there already, this attempt's number is recorded void (voidDuplicate).
 * Claims a process makes at the same time share requests: the reads of step 1 go in one
 * BatchGetItem, and one counter update takes consecutive numbers for every claim waiting (each
 * under its own pending entry) while clearing finished ones, so only step 3 costs a request per
 * number. Every counter update is one atomic write to the contended item, so concurrency costs no retries.
 */
export async function assignNumber(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: AssignNumberInput,
): Promise<AssignedNumber> {
  // Attempts of one claim must not overlap (Step Functions retries after an attempt ended); in a process they join.
  const claimId = `${tableName}#${input.caseId}#${input.register.id}#${input.documentKind}`;
  let running = inFlight.get(claimId);
  if (!running) {
    running = inTurn(`${tableName}#${input.register.id}`, () => assignOnce(client, tableName, input)).finally(() =>
      inFlight.delete(claimId),
    );
    inFlight.set(claimId, running);
  }
  return running;
}

const inFlight = new Map<string, Promise<AssignedNumber>>();

/**
 * In one process, at most this many assignments per register at a time: the pending map on the
 * counter item (rewritten whole by every update) stays a few kilobytes. Correctness does not
 * depend on it: other processes (Lambdas) may assign at the same time.
 */
const IN_FLIGHT_PER_REGISTER = 200;
const queues = new Map<string, { running: number; waiting: (() => void)[] }>();
async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const queue = queues.get(key) ?? { running: 0, waiting: [] };
  queues.set(key, queue);
  if (queue.running >= IN_FLIGHT_PER_REGISTER) await new Promise<void>((resolve) => queue.waiting.push(resolve));
  queue.running += 1;
  try {
    return await work();
  } finally {
    queue.running -= 1;
    queue.waiting.shift()?.();
  }
}

/** Register-years whose counter item this client has created or seen, or is creating (per client: a process may open more than one table of the same name, as the tests do). */
const knownCounters = new WeakMap<DynamoDBDocumentClient, Map<string, Promise<unknown>>>();

async function assignOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: AssignNumberInput,
): Promise<AssignedNumber> {
  const claimKey = numberClaimKey(input.caseId, input.register.id, input.documentKind);
  const existing = await readClaim(client, tableName, claimKey);
  if (existing) return readRecord(NumberClaimSchema, 'nomor register', existing, CLAIM_INDEX).assigned;

  const { year } = witaYearMonth(input.at);
  const counterKey = registerCounterKey(input.register.id, year);
  const claim = pendingClaim(input.caseId, input.documentKind);
  const known = knownCounters.get(client) ?? new Map<string, Promise<unknown>>();
  knownCounters.set(client, known);
  const counterId = `${tableName}#${counterKey.pk}`;
  // Claims arriving together wait for one creation of the counter rather than each trying it.
  const created = known.get(counterId) ?? putIfAbsent(client, tableName, { ...counterKey, last: 0, pending: {} });
  known.set(counterId, created);
  await created.catch((error) => {
    known.delete(counterId);
    throw error;
  });
  const counter = counterOf(client, tableName, counterKey);
  counter.active += 1;
  try {
    const seq = await new Promise<number | undefined>((resolve, reject) => {
      counter.waiting.push({ claim, claimKey, resolve, reject });
      void drain(client, tableName, counter, input.register.id);
    });
    if (seq === undefined) return await recordedMeanwhile(client, tableName, claimKey, claim);
    return await recordClaim(client, tableName, counter, claimKey, claim, assignedNumber(input, seq));
  } finally {
    counter.active -= 1;
    // Nothing of this register left in flight here: clear what finished (a lone Lambda's case).
    if (!counter.active && !counter.draining) await drain(client, tableName, counter, input.register.id);
  }
}

/**
 * The claim was pending when this attempt asked, and is not any more: another attempt recorded
 * it in the meantime (it clears its entry only after writing the claim), so its record is the answer.
 */
async function recordedMeanwhile(
  client: DynamoDBDocumentClient,
  tableName: string,
  claimKey: ItemKey,
  claim: string,
): Promise<AssignedNumber> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: claimKey, ConsistentRead: true }));
  if (!Item) throw new Error(`claim ${claim}'s pending number is not on the counter, and the claim is not recorded`);
  return readRecord(NumberClaimSchema, 'nomor register', Item, CLAIM_INDEX).assigned;
}

/** Step 3: the claim record, written once; its pending entry then waits to be cleared. */
async function recordClaim(
  client: DynamoDBDocumentClient,
  tableName: string,
  counter: Counter,
  claimKey: ItemKey,
  claim: string,
  assigned: AssignedNumber,
): Promise<AssignedNumber> {
  const { register, year, seq } = assigned;
  const recorded = await conditionHeld(
    client.send(
      new PutCommand({
        TableName: tableName,
        // Indexed by register and year in sequence order: the register's own list (GSI1).
        Item: { ...claimKey, ...registerIndexKeys(register, year, seq), assigned },
        // Overlapping attempts of one claim would otherwise overwrite each other's numbers: fail loudly instead.
        ConditionExpression: 'attribute_not_exists(pk) OR assigned.seq = :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
  if (!recorded) return voidDuplicate(client, tableName, counter, { claimKey, claim, assigned });
  counter.finished.push({ claim, at: Date.now() });
  return assigned;
}

/**
 * Another attempt of the same claim recorded its number after this one read no record and before
 * this one took its own (its pending entry was already cleared): the claim keeps the recorded
 * number, and this attempt's number goes into the register as void beside it, so the register
 * skips nothing. Until the void entry is written the number stays pending on the counter (a crash
 * leaves it listed in flight, never a silent gap).
 */
async function voidDuplicate(
  client: DynamoDBDocumentClient,
  tableName: string,
  counter: Counter,
  taken: { claimKey: ItemKey; claim: string; assigned: AssignedNumber },
): Promise<AssignedNumber> {
  const { claimKey, claim, assigned } = taken;
  const kept = await recordedMeanwhile(client, tableName, claimKey, claim);
  await putIfAbsent(client, tableName, {
    ...duplicateNumberKey(assigned.caseId, assigned.register, assigned.documentKind, assigned.seq),
    ...registerIndexKeys(assigned.register, assigned.year, assigned.seq),
    assigned,
    void: {
      reason: `Nomor ganda: percobaan lain untuk dokumen yang sama sudah memberinya nomor ${kept.number}`,
      at: new Date().toISOString(),
    },
  });
  counter.finished.push({ claim, at: Date.now() });
  return kept;
}

interface ClaimRead {
  key: ItemKey;
  resolve: (item: Record<string, unknown> | undefined) => void;
  reject: (error: unknown) => void;
}
/** Claims waiting for a read of their record, per client and table: sent together in the next turn of the event loop. */
const claimReads = new WeakMap<DynamoDBDocumentClient, Map<string, ClaimRead[]>>();
const KEYS_PER_BATCH_GET = 100;

function readClaim(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
): Promise<Record<string, unknown> | undefined> {
  const tables = claimReads.get(client) ?? new Map<string, ClaimRead[]>();
  claimReads.set(client, tables);
  return new Promise((resolve, reject) => {
    const waiting = tables.get(tableName);
    if (waiting) return void waiting.push({ key, resolve, reject });
    tables.set(tableName, [{ key, resolve, reject }]);
    setImmediate(() => {
      const batch = tables.get(tableName) ?? [];
      tables.delete(tableName);
      for (let i = 0; i < batch.length; i += KEYS_PER_BATCH_GET) {
        const chunk = batch.slice(i, i + KEYS_PER_BATCH_GET);
        batchGet(
          client,
          tableName,
          chunk.map((read) => read.key),
        ).then(
          (items) => {
            for (const read of chunk) read.resolve(items.get(`${read.key.pk}\n${read.key.sk}`));
          },
          (error) => {
            for (const read of chunk) read.reject(error);
          },
        );
      }
    });
  });
}

/** Consistent reads of up to 100 keys, asking again for any DynamoDB left unprocessed. */
async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  let asking: Record<string, unknown>[] = keys.map(({ pk, sk }) => ({ pk, sk }));
  for (let attempt = 0; asking.length; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    const answer = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: asking, ConsistentRead: true } } }),
    );
    for (const item of answer.Responses?.[tableName] ?? []) found.set(`${item.pk}\n${item.sk}`, item);
    asking = answer.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return found;
}

interface Counter {
  key: ItemKey;
  /** Claims waiting for a number. */
  /** Claims waiting for a number: undefined when the claim turned out to be recorded by another attempt. */
  waiting: {
    claim: string;
    claimKey: ItemKey;
    resolve: (seq: number | undefined) => void;
    reject: (error: unknown) => void;
  }[];
  /** Claims of this process between asking for a number and writing their record. */
  active: number;
  /**
   * Claims whose records are written but whose pending entry is not yet cleared, oldest first: a
   * later counter update clears them in the same write once they are HOLD_PENDING_MS old, or
   * when nothing is in flight here. A crash leaves a few entries behind, which cost space and nothing else.
   */
  finished: { claim: string; at: number }[];
  /** The updates running now, while claims wait or finish. */
  draining?: Promise<void>;
}
/** Each register-year's counter item, per client and table. */
const counters = new WeakMap<DynamoDBDocumentClient, Map<string, Counter>>();
/** Claims per counter update: its expressions stay well under DynamoDB's 4 KB each. */
const CLAIMS_PER_UPDATE = 40;
const CLEAR_PER_UPDATE = 20;
/**
 * How long a recorded claim keeps its pending entry while this process is busy: another attempt of
 * the same claim (a retry in another Lambda) that read no record just before it was written then
 * still meets the entry and takes the same number, instead of a second one. After it, such an
 * attempt takes a second number, which voidDuplicate records as void: the hold only makes that rarer.
 */
const HOLD_PENDING_MS = 2000;

/** The finished claims the next update clears: all when nothing is in flight here, else those held long enough. */
function clearable(counter: Counter): string[] {
  const since = counter.active ? Date.now() - HOLD_PENDING_MS : Number.POSITIVE_INFINITY;
  let count = 0;
  for (const done of counter.finished.slice(0, CLEAR_PER_UPDATE)) {
    if (done.at > since) break;
    count += 1;
  }
  return counter.finished.splice(0, count).map((done) => done.claim);
}

function counterOf(client: DynamoDBDocumentClient, tableName: string, key: ItemKey): Counter {
  const byTable = counters.get(client) ?? new Map<string, Counter>();
  counters.set(client, byTable);
  const id = `${tableName}#${key.pk}`;
  const counter = byTable.get(id) ?? { key, waiting: [], active: 0, finished: [] };
  byTable.set(id, counter);
  return counter;
}

/** One update at a time on a counter from this process, each taking numbers for every claim waiting then. */
function drain(client: DynamoDBDocumentClient, tableName: string, counter: Counter, register: string): Promise<void> {
  if (counter.draining) return counter.draining;
  const run = async () => {
    // Yield first: the loop's end below must come after `draining` is set.
    await Promise.resolve();
    try {
      while (counter.waiting.length || (!counter.active && counter.finished.length)) {
        const batch = counter.waiting.splice(0, CLAIMS_PER_UPDATE);
        const toClear = clearable(counter);
        try {
          const first = await takeNumbers(client, tableName, counter.key, register, batch, toClear);
          for (const [i, waiter] of batch.entries()) waiter.resolve(first + i);
        } catch (error) {
          counter.finished.unshift(...toClear.map((claim) => ({ claim, at: 0 })));
          // Not conditionHeld: the update answers with the numbers it took, and any other error must reach the waiters.
          if (isConditionFailure(error)) await oneByOne(client, tableName, counter.key, register, batch);
          else for (const waiter of batch) waiter.reject(error);
          // Clearing alone failed (the table is unreachable): the next assignment tries again.
          if (!batch.length && !counter.waiting.length) break;
        }
      }
    } finally {
      counter.draining = undefined;
    }
  };
  counter.draining = run();
  return counter.draining;
}

/**
 * One update: last rises by the claims' count and each claim's number is recorded under
 * pending.<claim>, on condition that none is pending yet; finished claims' entries go in the same write.
 * Returns the first claim's number (the others follow it), or 0 when it only cleared.
 */
async function takeNumbers(
  client: DynamoDBDocumentClient,
  tableName: string,
  counterKey: ItemKey,
  register: string,
  batch: Counter['waiting'],
  toClear: string[],
): Promise<number> {
  const claims = batch.map((waiter) => waiter.claim);
  const taking = claims.length > 0;
  const updated = await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: counterKey,
      // Every operand reads the item as it was before the update: #last is the last number given.
      UpdateExpression: [
        taking
          ? `SET #last = #last + :count, ${claims.map((_, i) => `#pending.#claim${i} = #last + :seq${i}`).join(', ')}`
          : '',
        toClear.length ? `REMOVE ${toClear.map((_, i) => `#pending.#done${i}`).join(', ')}` : '',
      ].join(' '),
      ...(taking
        ? {
            ConditionExpression: claims.map((_, i) => `attribute_not_exists(#pending.#claim${i})`).join(' AND '),
            ExpressionAttributeValues: {
              ':count': claims.length,
              ...Object.fromEntries(claims.map((_, i) => [`:seq${i}`, i + 1])),
            },
          }
        : {}),
      ExpressionAttributeNames: {
        '#pending': 'pending',
        ...(taking ? { '#last': 'last' } : {}),
        ...Object.fromEntries(claims.map((claim, i) => [`#claim${i}`, claim])),
        ...Object.fromEntries(toClear.map((done, i) => [`#done${i}`, done])),
      },
      ReturnValues: taking ? 'UPDATED_NEW' : 'NONE',
    }),
  );
  if (!taking) return 0;
  const last = updated.Attributes?.last;
  if (typeof last !== 'number') throw new Error(`register ${register}: the counter's update returned no number`);
  return last - claims.length + 1;
}

/**
 * A batch some claim of which was pending (another attempt of it is running, or stopped after
 * taking its number): claims recorded since the batch's read are answered from their records,
 * the others go alone.
 */
async function oneByOne(
  client: DynamoDBDocumentClient,
  tableName: string,
  counterKey: ItemKey,
  register: string,
  batch: Counter['waiting'],
): Promise<void> {
  let recorded: Map<string, Record<string, unknown>>;
  try {
    recorded = await batchGet(
      client,
      tableName,
      batch.map((waiter) => waiter.claimKey),
    );
  } catch (error) {
    for (const waiter of batch) waiter.reject(error);
    return;
  }
  for (const waiter of batch)
    if (recorded.has(`${waiter.claimKey.pk}\n${waiter.claimKey.sk}`)) waiter.resolve(undefined);
    else await takeAlone(client, tableName, counterKey, register, waiter);
}

/** A claim alone: when it is the pending one, its number is read back from the counter. */
async function takeAlone(
  client: DynamoDBDocumentClient,
  tableName: string,
  counterKey: ItemKey,
  register: string,
  waiter: Counter['waiting'][number],
): Promise<void> {
  try {
    return waiter.resolve(await takeNumbers(client, tableName, counterKey, register, [waiter], []));
  } catch (error) {
    // Not conditionHeld: the update answers with a number, and a refusal leads on to the counter's pending entry.
    if (!isConditionFailure(error)) return waiter.reject(error);
  }
  try {
    // An earlier attempt took a number and stopped before recording it: that number is this claim's.
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: counterKey, ConsistentRead: true }));
    const pending = Item && readRecord(RegisterCounterSchema, 'penghitung register', Item).pending[waiter.claim];
    waiter.resolve(pending);
  } catch (error) {
    waiter.reject(error);
  }
}
