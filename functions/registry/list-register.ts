import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { registerCounterKey, registerPartition, registerSequence } from '#records/keys.ts';
import { GSI1 } from '#records/table.ts';
import { queryAll } from '#records/table-operations.ts';
import { readRecord } from '#records/check-record.ts';
import { CLAIM_INDEX, NumberClaimSchema, RegisterCounterSchema, type AssignedNumber } from './assign-number.ts';

export interface RegisterEntry extends AssignedNumber {
  /** Set when the number was voided: its reason and when. */
  void?: { reason: string; at: string };
}

export interface RegisterListing {
  register: string;
  year: number;
  /** The last number given: every number from 1 to it is in `entries`, or in `inFlight`. */
  last: number;
  entries: RegisterEntry[];
  /** Numbers taken whose claim is being written right now (or whose intake a restart will settle). */
  inFlight: number[];
}

/** A register's year in number order, as the book at the Tata Usaha reads: used and voided numbers alike. */
export async function listRegister(
  client: DynamoDBDocumentClient,
  table: string,
  register: string,
  year: number,
): Promise<RegisterListing> {
  const partition = registerPartition(register, year);
  const counter = await client.send(
    new GetCommand({ TableName: table, Key: registerCounterKey(register, year), ConsistentRead: true }),
  );
  const items = await queryAll(client, {
    TableName: table,
    IndexName: GSI1.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': GSI1.partition },
    ExpressionAttributeValues: { ':pk': partition },
  });
  const entries = items.map(readEntry);
  const last = counter.Item ? readRecord(RegisterCounterSchema, 'penghitung register', counter.Item).last : 0;
  const listed = new Set(entries.map((entry) => entry.seq));
  const inFlight = Array.from({ length: last }, (_, i) => i + 1).filter((seq) => !listed.has(seq));
  return { register, year, last, entries, inFlight };
}

/** One number of a register's year, used or void: undefined when the register never gave it. */
export async function findRegisterEntry(
  client: DynamoDBDocumentClient,
  table: string,
  register: string,
  year: number | string,
  seq: number | string,
): Promise<RegisterEntry | undefined> {
  const [item] = await queryAll(client, {
    TableName: table,
    IndexName: GSI1.name,
    KeyConditionExpression: '#pk = :pk AND #sk = :sk',
    ExpressionAttributeNames: { '#pk': GSI1.partition, '#sk': GSI1.sort },
    ExpressionAttributeValues: { ':pk': registerPartition(register, year), ':sk': registerSequence(seq) },
  });
  return item && readEntry(item);
}

function readEntry(item: Record<string, unknown>): RegisterEntry {
  const claim = readRecord(NumberClaimSchema, 'nomor register', item, CLAIM_INDEX);
  return { ...claim.assigned, ...(claim.void ? { void: claim.void } : {}) };
}
