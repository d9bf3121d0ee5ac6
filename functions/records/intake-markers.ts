import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTAKE_PENDING, intakeMarkerKey } from './keys.ts';
import { queryAll } from './table-operations.ts';

/**
 * An intake in progress: written before the file number is taken, removed once the case record
 * exists and its workflow started. A marker that outlives its intake (a kill, a crash, a timeout)
 * tells the next start, or the next intake, which number to void or which case to start.
 */
export interface IntakeMarker {
  caseId: string;
  sop: string;
  /** The intake's time: the year of the file-number register. */
  at: string;
}

export async function putIntakeMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: IntakeMarker,
): Promise<void> {
  await client.send(
    new PutCommand({ TableName: table, Item: { ...intakeMarkerKey(marker.at, marker.caseId), ...marker } }),
  );
}

export async function deleteIntakeMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: IntakeMarker,
): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: intakeMarkerKey(marker.at, marker.caseId) }));
}

/** Markers of intakes that began before `before`, oldest first. */
export async function listIntakeMarkers(
  client: DynamoDBDocumentClient,
  table: string,
  before: Date,
): Promise<IntakeMarker[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk < :before',
    ExpressionAttributeValues: { ':pk': INTAKE_PENDING, ':before': before.toISOString() },
    ConsistentRead: true,
  });
  return items.map((item) => ({ caseId: item.caseId as string, sop: item.sop as string, at: item.at as string }));
}
