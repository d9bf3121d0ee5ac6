import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord, type RecordShape } from './check-record.ts';
import { DECISION_PENDING, decisionMarkerKey } from './keys.ts';
import { queryAll } from './table-operations.ts';

/**
 * A decision being taken: written before the link records it, removed once the workflow has it.
 * One that outlives its request (a web function that died between its writes) tells the sweep
 * which link's decision still has to reach its case (deliver-decisions.ts).
 */
export interface DecisionMarker {
  linkId: string;
  at: string;
}

const DecisionMarkerSchema = z.object({ linkId: z.string(), at: z.string() } satisfies RecordShape<DecisionMarker>);
const keyOf = (marker: DecisionMarker) => decisionMarkerKey(marker.at, marker.linkId);

export async function putDecisionMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: DecisionMarker,
): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { ...keyOf(marker), ...marker } }));
}

export async function deleteDecisionMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: DecisionMarker,
): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: keyOf(marker) }));
}

/** Markers of decisions begun before `before`, oldest first. */
export async function listDecisionMarkers(
  client: DynamoDBDocumentClient,
  table: string,
  before: Date,
): Promise<DecisionMarker[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk < :before',
    ExpressionAttributeValues: { ':pk': DECISION_PENDING, ':before': before.toISOString() },
    ConsistentRead: true,
  });
  return items.map((item) => {
    const { linkId, at } = readRecord(DecisionMarkerSchema, 'penanda keputusan', item);
    return { linkId, at };
  });
}
