import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  GetCommand,
  paginateQuery,
  PutCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.ts';
import { KEY } from './table.ts';

/**
 * Runs a conditional write: true when it was written, false when its condition did not hold (the
 * item was there already, another attempt won the race). Any other error is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A write refused because its condition did not hold, for the few callers whose refusal has a meaning of its own. */
export const isConditionFailure = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException;

/** Writes an item unless one with its key exists: true when written, false when it was there (a retry). */
export function putIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  return conditionHeld(
    client.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
}

/** The pages of a query, each as DynamoDB answers it; a caller that has enough stops iterating. */
export function queryPages(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): AsyncIterable<QueryCommandOutput> {
  return paginateQuery({ client }, input);
}

/** Every item a query finds, across all its pages, in the order DynamoDB returns them. */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<NonNullable<QueryCommandOutput['Items']>> {
  const items: NonNullable<QueryCommandOutput['Items']> = [];
  for await (const page of queryPages(client, input)) items.push(...(page.Items ?? []));
  return items;
}

type Item = Record<string, unknown>;

/**
 * The record an item holds, read consistently (a write just made is seen) and checked by the
 * record's reader; undefined where no item has the key.
 */
export async function getRecord<T>(
  client: DynamoDBDocumentClient,
  table: string,
  key: ItemKey,
  read: (item: Item) => T,
): Promise<T | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item ? read(Item) : undefined;
}

/**
 * The records of several keys in one request per 100 (BatchGetItem), read consistently like
 * `getRecord`, in the order of `keys`; a key with no item gives undefined in its place. Keys
 * DynamoDB leaves unprocessed (throttling) are asked again until none is left.
 */
export async function getRecords<T>(
  client: DynamoDBDocumentClient,
  table: string,
  keys: ItemKey[],
  read: (item: Item) => T,
): Promise<(T | undefined)[]> {
  const found = new Map<string, Item>();
  for (let from = 0; from < keys.length; from += BATCH_GET_LIMIT) {
    let asking: Item[] = keys.slice(from, from + BATCH_GET_LIMIT).map((key) => ({ ...key }));
    while (asking.length) {
      const answer: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: asking, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.[table] ?? []) found.set(keyOf(item as ItemKey), item);
      asking = answer.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return keys.map((key) => {
    const item = found.get(keyOf(key));
    return item ? read(item) : undefined;
  });
}

/** An item's key as one string, to match items and keys in a Map. */
const keyOf = (key: { pk: unknown; sk: unknown }) => JSON.stringify([key.pk, key.sk]);

/** DynamoDB's limit on the keys of one BatchGetItem. */
const BATCH_GET_LIMIT = 100;

/**
 * Writes (or overwrites) items in one request per 25 (BatchWriteItem), for items whose write is
 * unconditional and the same on a retry: a batch cannot carry conditions. Two items with one key are
 * written once, the later (as two Puts one after the other would leave it): DynamoDB refuses a batch
 * that names a key twice. Items DynamoDB leaves unprocessed (throttling) are written again until none
 * is left, as getRecords asks again.
 */
export async function putRecords<T extends ItemKey>(
  client: DynamoDBDocumentClient,
  table: string,
  keyed: readonly T[],
): Promise<void> {
  const byKey = new Map(keyed.map((item) => [keyOf(item), item]));
  const items = [...byKey.values()];
  for (let from = 0; from < items.length; from += BATCH_WRITE_LIMIT) {
    let writing = items.slice(from, from + BATCH_WRITE_LIMIT).map((item) => ({ PutRequest: { Item: item } }));
    while (writing.length) {
      const answer = await client.send(new BatchWriteCommand({ RequestItems: { [table]: writing } }));
      writing = (answer.UnprocessedItems?.[table] ?? []) as typeof writing;
    }
  }
}

/** DynamoDB's limit on the writes of one BatchWriteItem. */
const BATCH_WRITE_LIMIT = 25;

/** Which items of a partition a query reads, by their sort key; `between` includes both ends. */
export type SortKeyRange = { beginsWith: string } | { before: string } | { between: readonly [string, string] };

/** A secondary index, by its name and its key attributes (table.ts). */
export interface TableIndex {
  name: string;
  partition: string;
  sort: string;
}

/** Where a query reads: one partition, or the part of it `range` picks, of the table or of an index. */
export interface PartitionQuery {
  partition: string;
  range?: SortKeyRange;
  index?: TableIndex;
}

/**
 * The records of one partition, in sort-key order, each checked by the record's reader. The table
 * is read consistently; an index cannot be, and is read as it stands.
 */
export async function queryRecords<T>(
  client: DynamoDBDocumentClient,
  table: string,
  { partition, range, index }: PartitionQuery,
  read: (item: Item) => T,
): Promise<T[]> {
  const keys = index ?? KEY;
  const sort = range && sortCondition(range);
  const items = await queryAll(client, {
    TableName: table,
    ...(index ? { IndexName: index.name } : { ConsistentRead: true }),
    KeyConditionExpression: sort ? `#pk = :pk AND ${sort.expression}` : '#pk = :pk',
    // A name the condition does not use is refused: the sort key is named only with a range.
    ExpressionAttributeNames: { '#pk': keys.partition, ...(sort ? { '#sk': keys.sort } : {}) },
    ExpressionAttributeValues: { ':pk': partition, ...sort?.values },
  });
  return items.map(read);
}

function sortCondition(range: SortKeyRange): { expression: string; values: Record<string, string> } {
  if ('beginsWith' in range) return { expression: 'begins_with(#sk, :from)', values: { ':from': range.beginsWith } };
  if ('before' in range) return { expression: '#sk < :until', values: { ':until': range.before } };
  const [from, until] = range.between;
  return { expression: '#sk BETWEEN :from AND :until', values: { ':from': from, ':until': until } };
}

/**
 * An update that sets paths inside top-level maps of an item (`SET #map.#key = ...`), which DynamoDB
 * refuses while a map does not exist yet: the update is asked on condition that `maps` exist; where
 * one does not, each is made empty (if_not_exists, so two first writers at once keep both's entries)
 * and the update asked again.
 */
export async function updateInMaps(
  client: DynamoDBDocumentClient,
  update: {
    table: string;
    key: ItemKey;
    expression: string;
    names: Record<string, string>;
    values: Record<string, unknown>;
  },
  maps: readonly string[],
): Promise<void> {
  const mapNames = Object.fromEntries(maps.map((map, i) => [`#map${i}`, map]));
  const ask = () =>
    client.send(
      new UpdateCommand({
        TableName: update.table,
        Key: update.key,
        UpdateExpression: update.expression,
        ConditionExpression: maps.map((_, i) => `attribute_exists(#map${i})`).join(' AND '),
        ExpressionAttributeNames: { ...update.names, ...mapNames },
        ExpressionAttributeValues: update.values,
      }),
    );
  try {
    await ask();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await client.send(
      new UpdateCommand({
        TableName: update.table,
        Key: update.key,
        UpdateExpression: `SET ${maps.map((_, i) => `#map${i} = if_not_exists(#map${i}, :empty)`).join(', ')}`,
        ExpressionAttributeNames: mapNames,
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
    await ask();
  }
}
