import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord, type RecordShape } from '#records/check-record.ts';
import { numberClaimKey, pendingClaim, registerCounterKey, registerIndexKeys } from '#records/keys.ts';
import { conditionHeld, isConditionFailure, putIfAbsent } from '#records/table-operations.ts';
import type { Register } from '#sop/schema.ts';
import { formatNumber, officeDate } from './format-number.ts';

export interface AssignedNumber {
  register: string;
  year: number;
  seq: number;
  number: string;
  caseId: string;
  documentKind: string;
  assignedAt: string;
}

export const AssignedNumberSchema: z.ZodType<AssignedNumber> = z.object({
  register: z.string(),
  year: z.number(),
  seq: z.number(),
  number: z.string(),
  caseId: z.string(),
  documentKind: z.string(),
  assignedAt: z.string(),
} satisfies RecordShape<AssignedNumber>);

/** A case's claim on a number (NUMBER#): the number, and its voiding if it was voided. */
export const NumberClaimSchema = z.object({
  assigned: AssignedNumberSchema,
  void: z.object({ reason: z.string(), at: z.string() }).optional(),
});
/** The claim's place in its register's list (GSI1): not part of the claim. */
export const CLAIM_INDEX = ['gsi1pk', 'gsi1sk'];
/** A register-year's counter: the last number given, and the numbers of claims in flight. */
export const RegisterCounterSchema = z.object({ last: z.number(), pending: z.record(z.string(), z.number()) });

export interface AssignNumberInput {
  register: Register;
  caseId: string;
  documentKind: string;
  /** When the Tata Usaha registered it: the year of the register and the month in the number. */
  at: Date;
}

/**
 * Gives a case's document the next number of its register, once. Gapless and unique without
 * transactions (DynamoDB Local stand-ins have none):
 *  1. the case's claim record, if it exists, is the answer (a retried step);
 *  2. one atomic update of the register-year counter increments it and records the new number
 *     under pending.<claim> in the same write, so a crash after it cannot lose the number;
 *  3. the claim record is written (indexed in the register's order) and pending is cleared in a later write.
 * Every request makes one atomic write to the contended item, so concurrency costs no retries.
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
 * In one process, a few assignments per register at a time: the pending map on the counter item
 * stays small, so each atomic update stays cheap. Correctness does not depend on it: other
 * processes (Lambdas) may assign at the same time.
 */
const IN_FLIGHT_PER_REGISTER = 8;
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

async function flushFinished(
  client: DynamoDBDocumentClient,
  tableName: string,
  counterKey: { pk: string; sk: string },
  counterId: string,
): Promise<void> {
  const done = (finished.get(counterId) ?? []).splice(0);
  for (let i = 0; i < done.length; i += CLEAR_PER_UPDATE) {
    const chunk = done.slice(i, i + CLEAR_PER_UPDATE);
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKey,
        UpdateExpression: `REMOVE ${chunk.map((_, j) => `#pending.#done${j}`).join(', ')}`,
        ExpressionAttributeNames: {
          '#pending': 'pending',
          ...Object.fromEntries(chunk.map((claim, j) => [`#done${j}`, claim])),
        },
      }),
    );
  }
}

/** Register-years whose counter item this client has seen exist (per client: a process may open more than one table of the same name, as the tests do). */
const knownCounters = new WeakMap<DynamoDBDocumentClient, Set<string>>();
/**
 * Claims whose records are written but whose pending entry is not yet cleared: the next counter
 * update of the register clears them in the same write, and the last assignment in flight flushes
 * the rest. A crash leaves a few entries behind, which cost space and nothing else.
 */
const finished = new Map<string, string[]>();
const CLEAR_PER_UPDATE = 20;

async function assignOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: AssignNumberInput,
): Promise<AssignedNumber> {
  const claimKey = numberClaimKey(input.caseId, input.register.id, input.documentKind);
  const existing = await client.send(new GetCommand({ TableName: tableName, Key: claimKey, ConsistentRead: true }));
  if (existing.Item) return readRecord(NumberClaimSchema, 'nomor register', existing.Item, CLAIM_INDEX).assigned;

  const { year } = officeDate(input.at);
  const counterKey = registerCounterKey(input.register.id, year);
  const claim = pendingClaim(input.caseId, input.documentKind);
  const counterId = `${tableName}#${counterKey.pk}`;
  const known = knownCounters.get(client) ?? new Set<string>();
  knownCounters.set(client, known);
  if (!known.has(counterId)) {
    await putIfAbsent(client, tableName, { ...counterKey, last: 0, pending: {} });
    known.add(counterId);
  }

  let seq: number;
  const toClear = (finished.get(counterId) ?? []).splice(0, CLEAR_PER_UPDATE);
  try {
    const updated = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKey,
        UpdateExpression: `SET #last = #last + :one, #pending.#claim = #last + :one${toClear.length ? ` REMOVE ${toClear.map((_, i) => `#pending.#done${i}`).join(', ')}` : ''}`,
        ConditionExpression: 'attribute_not_exists(#pending.#claim)',
        ExpressionAttributeNames: {
          '#last': 'last',
          '#pending': 'pending',
          '#claim': claim,
          ...Object.fromEntries(toClear.map((done, i) => [`#done${i}`, done])),
        },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const last = updated.Attributes?.last;
    if (typeof last !== 'number')
      throw new Error(`register ${input.register.id}: the counter's update returned no number`);
    seq = last;
  } catch (error) {
    finished.set(counterId, [...toClear, ...(finished.get(counterId) ?? [])]);
    if (!isConditionFailure(error)) throw error;
    // An earlier attempt took a number and stopped before recording it: that number is this claim's.
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: counterKey, ConsistentRead: true }));
    const pending = Item && readRecord(RegisterCounterSchema, 'penghitung register', Item).pending[claim];
    if (pending === undefined)
      throw new Error(`register ${input.register.id}: case ${input.caseId}'s pending number is not on the counter`);
    seq = pending;
  }

  const assigned: AssignedNumber = {
    register: input.register.id,
    year,
    seq,
    number: formatNumber(input.register.format, seq, input.at),
    caseId: input.caseId,
    documentKind: input.documentKind,
    assignedAt: input.at.toISOString(),
  };
  const recorded = await conditionHeld(
    client.send(
      new PutCommand({
        TableName: tableName,
        // Indexed by register and year in sequence order: the register's own list (GSI1).
        Item: { ...claimKey, ...registerIndexKeys(input.register.id, year, seq), assigned },
        // Overlapping attempts of one claim would otherwise overwrite each other's numbers: fail loudly instead.
        ConditionExpression: 'attribute_not_exists(pk) OR assigned.seq = :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
  if (!recorded)
    throw new Error(
      `register ${input.register.id}: case ${input.caseId} got two numbers from overlapping attempts (${seq} is unused)`,
    );
  const done = finished.get(counterId) ?? [];
  done.push(claim);
  finished.set(counterId, done);
  if (!queues.get(`${tableName}#${input.register.id}`)?.waiting.length)
    await flushFinished(client, tableName, counterKey, counterId);
  return assigned;
}
