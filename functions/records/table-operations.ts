import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  paginateQuery,
  PutCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

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
