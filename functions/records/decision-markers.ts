import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DECISION_PENDING, decisionMarkerKey } from './keys.ts';

/**
 * A decision being taken: written before the link records it, removed once the workflow has it.
 * One that outlives its request (a web function that died between its writes) tells the sweep
 * which link's decision still has to reach its case (deliver-decisions.ts).
 */
export interface DecisionMarker {
  linkId: string;
  at: string;
}

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
  const markers: DecisionMarker[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': DECISION_PENDING, ':before': before.toISOString() },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) markers.push({ linkId: item.linkId as string, at: item.at as string });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return markers;
}
