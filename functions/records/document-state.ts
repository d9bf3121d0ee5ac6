import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentStateKey } from './keys.ts';
import { conditionHeld } from './table-operations.ts';
import type { SlotPosition } from '#documents/pdf/render-pdf.ts';
import type { AssignedNumber } from '#registry/assign-number.ts';

/** Where a case's document stands: its current revision's files, its number, who signed. */
export interface DocumentState {
  caseId: string;
  kind: string;
  /** 0 for the render; one more for each signature. A new render after a send-back starts a new draft. */
  revision: number;
  copies: { copy: number; key: string; sha256: string; slots: SlotPosition[] }[];
  draft: { key: string; sha256: string } | null;
  number: AssignedNumber | null;
  signers: {
    officialId: string;
    step: number;
    name: string;
    nip: string;
    position: string;
    reason: string;
    at: string;
    copies: number[];
  }[];
  /** Actions already applied to this document (render, signatures): a retried step finds its own and stops. */
  actions: string[];
}

export async function getDocumentState(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  kind: string,
): Promise<DocumentState | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: documentStateKey(caseId, kind), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...state } = Item;
  return state as DocumentState;
}

/**
 * Saves the next state of a document, only if nobody saved another in between (`previous` is the
 * revision it was read at, or null for a first save). Returns false when it lost that race.
 */
export async function saveDocumentState(
  client: DynamoDBDocumentClient,
  table: string,
  state: DocumentState,
  previous: { revision: number; actions: number } | null,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: { ...documentStateKey(state.caseId, state.kind), ...state },
        ...(previous
          ? {
              ConditionExpression: 'revision = :revision AND size(actions) = :actions',
              ExpressionAttributeValues: { ':revision': previous.revision, ':actions': previous.actions },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    ),
  );
}
