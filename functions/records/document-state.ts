import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { documentStateKey } from './keys.ts';
import { type StandingIn, StandingInSchema } from './standing-in.ts';
import { conditionHeld, getRecord, getRecords } from './table-operations.ts';
import type { SlotPosition } from '#documents/pdf/render-pdf.ts';
import { AssignedNumberSchema, type AssignedNumber } from '#registry/assign-number.ts';

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
    /** The TSA's time and name on this signature (PAdES B-T); absent on signatures made without a TSA. */
    timestamp?: { at: string; tsa: string };
    /** Who issued the signer's certificate (the office CA, BSrE), as the signature's CMS names it; absent on older records. */
    certificateIssuer?: string;
    /** A deputy's signature: as what, and the position of the official they stood in for. */
    standsInFor?: StandingIn;
  }[];
  /** Actions already applied to this document (render, signatures): a retried step finds its own and stops. */
  actions: string[];
  /** Whom the rendered signature block names (staff/signature-block.ts): only their key may sign it. */
  /** `nama` as printed; a document drafted before it was kept has none. */
  signatory?:
    | {
        officialId: string;
        nama?: string | undefined;
        sebagai: 'definitif' | 'an' | 'plh' | 'plt';
        standsInFor?: string;
      }
    | undefined;
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const DocumentStateSchema: z.ZodMiniType<DocumentState> = z.lazy(() =>
  z.object({
    caseId: text,
    kind: text,
    revision: z.number(),
    copies: z.array(
      z.object({
        copy: z.number(),
        key: text,
        sha256: text,
        slots: z.array(
          z.object({
            name: text,
            page: z.number(),
            x: z.number(),
            y: z.number(),
            width: z.number(),
            height: z.number(),
            textSize: z.optional(z.number()),
          } satisfies RecordShape<SlotPosition>),
        ),
      }),
    ),
    draft: z.nullable(z.object({ key: text, sha256: text })),
    number: z.nullable(AssignedNumberSchema),
    signers: z.array(
      z.object({
        officialId: text,
        step: z.number(),
        name: text,
        nip: text,
        position: text,
        reason: text,
        at: text,
        copies: z.array(z.number()),
        timestamp: z.optional(z.object({ at: text, tsa: text })),
        certificateIssuer: z.optional(text),
        standsInFor: z.optional(StandingInSchema),
      }),
    ),
    actions: z.array(text),
    signatory: z.optional(
      z.object({
        officialId: text,
        nama: z.optional(text),
        sebagai: z.enum(['definitif', 'an', 'plh', 'plt']),
        standsInFor: z.optional(text),
      }),
    ),
  } satisfies RecordShape<DocumentState>),
);

const readDocumentState = (item: Record<string, unknown>) => readRecord(DocumentStateSchema, 'dokumen', item);

export const getDocumentState = (client: DynamoDBDocumentClient, table: string, caseId: string, kind: string) =>
  getRecord(client, table, documentStateKey(caseId, kind), readDocumentState);

/** The states of several documents of a case in one read, in the order of `kinds`; undefined for one not yet made. */
export const getDocumentStates = (client: DynamoDBDocumentClient, table: string, caseId: string, kinds: string[]) =>
  getRecords(
    client,
    table,
    kinds.map((kind) => documentStateKey(caseId, kind)),
    readDocumentState,
  );

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
