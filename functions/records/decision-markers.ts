import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { DECISION_PENDING, decisionMarkerKey } from './keys.ts';
import { queryRecords } from './table-operations.ts';

/**
 * A decision being taken, as Paraf before 2026-12-06 marked it: written before the link recorded it,
 * removed once the workflow had it. Decisions are now on the sweep's list in the link's own write
 * (records/links.ts, decideLink); markers already written are still read and cleared by the sweep
 * (deliver-stranded-decisions.ts), so a table from before loses none.
 */
export interface DecisionMarker {
  linkId: string;
  at: string;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const DecisionMarkerSchema = z.lazy(() =>
  z.object({ linkId: z.string(), at: z.string() } satisfies RecordShape<DecisionMarker>),
);
const keyOf = (marker: DecisionMarker) => decisionMarkerKey(marker.at, marker.linkId);
/** A marker as its schema names it: attributes a newer writer added stay behind. */
function readMarker(item: Record<string, unknown>): DecisionMarker {
  const { linkId, at } = readRecord(DecisionMarkerSchema, 'penanda keputusan', item);
  return { linkId, at };
}

export async function deleteDecisionMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: DecisionMarker,
): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: keyOf(marker) }));
}

/** Markers of decisions begun before `before`, oldest first. */
export const listDecisionMarkers = (client: DynamoDBDocumentClient, table: string, before: Date) =>
  queryRecords(client, table, { partition: DECISION_PENDING, range: { before: before.toISOString() } }, readMarker);
