import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord, type RecordShape } from './check-record.ts';
import { INTAKE_PENDING, intakeMarkerKey } from './keys.ts';
import { queryRecords } from './table-operations.ts';

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

const IntakeMarkerSchema = z.object({
  caseId: z.string(),
  sop: z.string(),
  at: z.string(),
} satisfies RecordShape<IntakeMarker>);
/** A marker as its schema names it: attributes a newer writer added stay behind. */
function readMarker(item: Record<string, unknown>): IntakeMarker {
  const { caseId, sop, at } = readRecord(IntakeMarkerSchema, 'penanda pendaftaran', item);
  return { caseId, sop, at };
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
export const listIntakeMarkers = (client: DynamoDBDocumentClient, table: string, before: Date) =>
  queryRecords(client, table, { partition: INTAKE_PENDING, range: { before: before.toISOString() } }, readMarker);
