import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { caseKey, caseSopIndexKeys, casePartition, casesOfSop, EVENT_PREFIX, eventKey } from './keys.ts';
import { conditionHeld, getRecord, getRecords, putIfAbsent, queryRecords } from './table-operations.ts';
import { PERMIT_INDEXES } from './table.ts';

export interface CaseRecord {
  caseId: string;
  sop: string;
  /** The SOP revision the case is under: in force on its receipt date, or the one it was moved to (migrate-case.ts). */
  revision?: string;
  /** The workflow's execution the case runs in, once a move gave it one not named by the case id (AWS). */
  execution?: string;
  fileNumber: string;
  applicant: { name: string; nib?: string; npwp?: string; address?: string; email?: string };
  status: 'berjalan' | 'selesai' | 'ditolak' | 'gagal';
  createdAt: string;
  /** The code printed on the receipt: with the file number, it lets an applicant check the status. */
  receiptCode: string;
  /** The promised completion date (YYYY-MM-DD), where the SOP promises one; null until its count starts. */
  deadline: string | null;
  /** While the file is back with the applicant, when the count stopped. */
  clockPausedAt?: string | null;
  /** Facts of the checklist, and the data of the documents the case produces (by kind). */
  form: { facts?: Record<string, unknown>; documents?: Record<string, unknown> };
  requirements: { id: string; label: string; handedIn: boolean }[];
  /** The issued permit (document id) an inspection or revocation case acts on. */
  permit?: string;
  /** Its registration number as issued, printed on the case's receipt (the applicant's proof of what they asked about). */
  permitNumber?: string;
  /** The official signed in at the counter who received the file: the intake's line in the trail, the receipt's officer. */
  receivedBy?: { id: string; name: string };
  /** When the case was closed (completed or rejected). */
  closedAt?: string | null;
  /**
   * A machine task retries because an operator must act (a signer's certificate is missing): since
   * when, and why in Bahasa Indonesia. Cleared by the task's next success (cases/wait-for-operator.ts).
   */
  waitingForOperator?: { since: string; reason: string } | null;
  /** A move to another revision under way (cases/migrate-case.ts): removed when the move is recorded or given up. */
  moveClaim?: { moveId: string; at: string };
  /** The step now waiting, for status pages; `returnReason`: why the file is back with the applicant, told to them. */
  current?: {
    step: number;
    lane: string;
    purpose: string;
    officialId: string;
    dueAt: string;
    /**
     * When the step first went past its due time: a later round sets a new `dueAt` (the escalation's),
     * and the step is still late.
     */
    overdueSince?: string;
    returnReason?: string;
  } | null;
}

/**
 * The trail's refused signing attempts, by the start of their actionId (`kode-ditolak-<uuid>`): a
 * wrong authenticator code, BSrE's refusal. The office's security record, which the public history
 * sheet leaves out.
 */
export const REFUSED_SIGNATURE = { code: 'kode-ditolak', bsre: 'bsre-ditolak' } as const;
export type RefusedSignatureKind = (typeof REFUSED_SIGNATURE)[keyof typeof REFUSED_SIGNATURE];
export const isRefusedSignature = (actionId: string): boolean =>
  Object.values(REFUSED_SIGNATURE).some((kind) => actionId.startsWith(`${kind}-`));

/** One line of the map pengendali proses: who did what, when, with which notes and which documents. */
export interface CaseEvent {
  /** Unique per action (a decision id, "intake", "sign-10-<decision>"): a retried step records nothing twice. */
  actionId: string;
  at: string;
  step: number | null;
  lane: string | null;
  actor: { id: string; name: string } | null;
  action: string;
  notes: string;
  documents: { kind: string; copy: number | 'draft'; key: string; sha256: string }[];
  /** What authorised a decision or a signature (identity/signing-factor.ts): the kind of factor, never the code. */
  factor?: { kind: string; officialId?: string; checkedAt?: string };
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const CaseRecordSchema: z.ZodMiniType<CaseRecord> = z.lazy(() =>
  z.object({
    caseId: text,
    sop: text,
    revision: z.optional(text),
    execution: z.optional(text),
    fileNumber: text,
    applicant: z.object({
      name: text,
      nib: z.optional(text),
      npwp: z.optional(text),
      address: z.optional(text),
      email: z.optional(text),
    }),
    status: z.enum(['berjalan', 'selesai', 'ditolak', 'gagal']),
    createdAt: text,
    receiptCode: text,
    deadline: z.nullable(text),
    clockPausedAt: z.nullish(text),
    waitingForOperator: z.nullish(z.object({ since: text, reason: text })),
    moveClaim: z.optional(z.object({ moveId: text, at: text })),
    form: z.object({
      facts: z.optional(z.record(z.string(), z.unknown())),
      documents: z.optional(z.record(z.string(), z.unknown())),
    }),
    requirements: z.array(z.object({ id: text, label: text, handedIn: z.boolean() })),
    permit: z.optional(text),
    permitNumber: z.optional(text),
    receivedBy: z.optional(z.object({ id: text, name: text })),
    closedAt: z.nullish(text),
    current: z.nullish(
      z.object({
        step: z.number(),
        lane: text,
        purpose: text,
        officialId: text,
        dueAt: text,
        overdueSince: z.optional(text),
        returnReason: z.optional(text),
      }),
    ),
  } satisfies RecordShape<CaseRecord>),
);

const CaseEventSchema: z.ZodMiniType<CaseEvent> = z.lazy(() =>
  z.object({
    actionId: text,
    at: text,
    step: z.nullable(z.number()),
    lane: z.nullable(text),
    actor: z.nullable(z.object({ id: text, name: text })),
    action: text,
    notes: text,
    documents: z.array(
      z.object({ kind: text, copy: z.union([z.number(), z.literal('draft')]), key: text, sha256: text }),
    ),
    factor: z.optional(z.object({ kind: text, officialId: z.optional(text), checkedAt: z.optional(text) })),
  } satisfies RecordShape<CaseEvent>),
);

/** Cases are listed by SOP and receipt time in the SOP index (GSI4), whose attributes are not part of the record. */
const CASE_INDEX = PERMIT_INDEXES.sop;
const readCase = (item: Record<string, unknown>) =>
  readRecord(CaseRecordSchema, 'berkas', item, [CASE_INDEX.partition, CASE_INDEX.sort]);
const readEvent = (item: Record<string, unknown>) => readRecord(CaseEventSchema, 'jejak berkas', item);

export const getCase = (client: DynamoDBDocumentClient, table: string, caseId: string) =>
  getRecord(client, table, caseKey(caseId), readCase);

/** The records of several cases, in the order of `caseIds` (undefined for one not found). */
export const getCases = (client: DynamoDBDocumentClient, table: string, caseIds: string[]) =>
  getRecords(client, table, caseIds.map(caseKey), readCase);

/** Creates the case record once; a retry finds it and changes nothing. */
export async function createCase(client: DynamoDBDocumentClient, table: string, record: CaseRecord): Promise<void> {
  // Listed by SOP and receipt time in the SOP index (GSI4), for the dashboard.
  await putIfAbsent(client, table, {
    ...caseKey(record.caseId),
    ...record,
    ...caseSopIndexKeys(record.sop, record.createdAt),
  });
}

/** Updates the parts of a case that change as it moves: status and the step waiting. */
export async function updateCase(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  changes: Partial<
    Pick<
      CaseRecord,
      | 'status'
      | 'current'
      | 'form'
      | 'deadline'
      | 'clockPausedAt'
      | 'closedAt'
      | 'revision'
      | 'execution'
      | 'waitingForOperator'
    >
  >,
): Promise<void> {
  const names = Object.keys(changes);
  if (names.length === 0) return;
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: caseKey(caseId),
      UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(
        names.map((name, i) => [`:v${i}`, (changes as Record<string, unknown>)[name] ?? null]),
      ),
    }),
  );
}

/**
 * Marks a running case failed: a conditional write, so a case that closed meanwhile (selesai,
 * ditolak) keeps its outcome however the failure and the close interleave. False when it was not running.
 */
export function failRunningCase(client: DynamoDBDocumentClient, table: string, caseId: string): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: caseKey(caseId),
        UpdateExpression: 'SET #status = :failed',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'gagal', ':running': 'berjalan' },
      }),
    ),
  );
}

/**
 * Appends an event unless the same action was recorded already: false for a repeat (a retried step,
 * or two attempts at once), which one conditional write on the action's key decides.
 */
export function recordEvent(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  event: CaseEvent,
): Promise<boolean> {
  return putIfAbsent(client, table, { ...eventKey(caseId, event.actionId), ...event });
}

/**
 * The audit trail in order of time (then of action id, as the older keys sorted). An action found
 * twice is shown once, the earlier: only a retry that straddled the change of the events' keys can
 * have written both.
 */
export async function listEvents(client: DynamoDBDocumentClient, table: string, caseId: string): Promise<CaseEvent[]> {
  const events = await queryRecords(
    client,
    table,
    { partition: casePartition(caseId), range: { beginsWith: EVENT_PREFIX } },
    readEvent,
  );
  const order = (event: CaseEvent) => `${event.at}#${event.actionId}`;
  const seen = new Set<string>();
  return events
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .filter((event) => !seen.has(event.actionId) && seen.add(event.actionId));
}

/** The cases of an SOP received from `since` to `until` (ISO instants in UTC, both inclusive). */
export const listCases = (client: DynamoDBDocumentClient, table: string, sop: string, since: string, until: string) =>
  queryRecords(
    client,
    table,
    { partition: casesOfSop(sop), range: { between: [since, until] }, index: CASE_INDEX },
    readCase,
  );

/**
 * Marks a case as waiting for an operator (a retry keeps the first failure's mark), or with no
 * mark clears it where there is one. False where nothing was written (no case; no mark to clear).
 */
export function setWaitingForOperator(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  mark: { since: string; reason: string } | undefined,
): Promise<boolean> {
  const change = mark
    ? {
        UpdateExpression: 'SET waitingForOperator = if_not_exists(waitingForOperator, :mark)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':mark': mark },
      }
    : { UpdateExpression: 'REMOVE waitingForOperator', ConditionExpression: 'attribute_exists(waitingForOperator)' };
  return conditionHeld(client.send(new UpdateCommand({ TableName: table, Key: caseKey(caseId), ...change })));
}

/**
 * Claims the move of a running case to another revision, so that two moves asked at once cannot both
 * reach the workflow: held only while the case still runs under `revision` (none: recorded before
 * revisions were kept) and no move claimed it at or after `staleBefore` (an older claim is a move that
 * crashed, so the case is never locked for good). False when not held.
 */
export function claimCaseMove(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  revision: string | undefined,
  claim: { moveId: string; at: string },
  staleBefore: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: caseKey(caseId),
        UpdateExpression: 'SET #claim = :claim',
        ConditionExpression: `#status = :running AND ${revision === undefined ? 'attribute_not_exists(#revision)' : '#revision = :revision'} AND (attribute_not_exists(#claim) OR #claim.#at < :stale)`,
        ExpressionAttributeNames: { '#claim': 'moveClaim', '#status': 'status', '#revision': 'revision', '#at': 'at' },
        ExpressionAttributeValues: {
          ':claim': claim,
          ':running': 'berjalan',
          ':stale': staleBefore,
          ...(revision === undefined ? {} : { ':revision': revision }),
        },
      }),
    ),
  );
}

/** Gives up a move's claim (the workflow refused it), unless another move holds the claim by now. */
export function releaseCaseMove(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  moveId: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: caseKey(caseId),
        UpdateExpression: 'REMOVE #claim',
        ConditionExpression: '#claim.#moveId = :moveId',
        ExpressionAttributeNames: { '#claim': 'moveClaim', '#moveId': 'moveId' },
        ExpressionAttributeValues: { ':moveId': moveId },
      }),
    ),
  );
}

/**
 * Records a move the workflow made (the revision, and the execution where the engine made a new one)
 * and removes its claim in the same write. Not conditional on the claim: the execution has moved, so
 * the record must say so even where the claim went stale meanwhile.
 */
export async function recordCaseMove(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  moved: { revision: string; execution?: string | undefined },
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: caseKey(caseId),
      UpdateExpression: `SET #revision = :revision${moved.execution ? ', #execution = :execution' : ''} REMOVE #claim`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: {
        '#revision': 'revision',
        '#claim': 'moveClaim',
        ...(moved.execution ? { '#execution': 'execution' } : {}),
      },
      ExpressionAttributeValues: {
        ':revision': moved.revision,
        ...(moved.execution ? { ':execution': moved.execution } : {}),
      },
    }),
  );
}
