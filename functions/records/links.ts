import { createHash, randomBytes } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readField, readRecord, type RecordShape } from './check-record.ts';
import {
  ASKED_PREFIX,
  askedKey,
  askingClaimKey,
  casePartition,
  linkKey,
  officialTasks,
  openLinkKey,
  taskSort,
  UNDELIVERED_DECISIONS,
} from './keys.ts';
import {
  conditionHeld,
  getRecord,
  getRecords,
  isConditionFailure,
  putRecords,
  queryRecords,
} from './table-operations.ts';
import { TASKS } from './table.ts';

/**
 * An e-mailed approval link: a short random id in the URL, the task token kept here, so the URL never carries the token.
 * One link per case, step and purpose: a reminder re-enters the step with a new token, and the
 * link already sent follows it, so it stays valid until the step is decided.
 */
export interface ApprovalLink {
  linkId: string;
  caseId: string;
  sop: string;
  /** The SOP revision of the machine that asked; absent on links made before revisions were kept. */
  revision?: string;
  step: number;
  lane: string;
  purpose: 'step' | 'applicant-correction';
  officialId: string;
  token: string;
  createdAt: string;
  expiresAt: string;
  status: 'waiting' | 'decided';
  decision?: Record<string, unknown>;
  /** When the e-mail with this link went out: a retried ask mails only a link never mailed. */
  notifiedAt?: string;
  /** The address it was e-mailed to last: a new address of the official (or their deputy's) is mailed it again. */
  notifiedTo?: string;
  /** When the workflow took this link's decision: until then, the step's next ask delivers it. */
  deliveredAt?: string;
}

/**
 * Makes an official's link for a step, or points their existing undecided one at the new token.
 * A step has one link per official asked: its holder's, and its supervisor's once it is escalated.
 * `stepLinks`, where the caller has just read them (listStepLinks), spares reading the official's again.
 */
export async function openLink(
  client: DynamoDBDocumentClient,
  table: string,
  link: Omit<ApprovalLink, 'linkId' | 'createdAt' | 'status'>,
  stepLinks?: readonly ApprovalLink[],
): Promise<{ link: ApprovalLink; created: boolean }> {
  const open = stepLinks
    ? stepLinks.find((known) => known.officialId === link.officialId)
    : await findOpenLink(client, table, link.caseId, link.step, link.purpose, link.officialId);
  if (open) {
    // A retried ask (a Lambda retry, a resumed execution) carries the token it had: its link stands as it is, decided or not.
    if (open.token === link.token) return { link: open, created: false };
    if (open.status === 'waiting') {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: linkKey(open.linkId),
          // A case moved to a newer revision is asked again by its new machine: the link follows its revision.
          UpdateExpression: `SET #token = :token, expiresAt = :expires${link.revision ? ', revision = :revision' : ''}`,
          ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: { '#token': 'token', '#status': 'status' },
          ExpressionAttributeValues: {
            ':token': link.token,
            ':expires': link.expiresAt,
            ':waiting': 'waiting',
            ...(link.revision ? { ':revision': link.revision } : {}),
          },
        }),
      );
      return {
        link: {
          ...open,
          token: link.token,
          expiresAt: link.expiresAt,
          ...(link.revision ? { revision: link.revision } : {}),
        },
        created: false,
      };
    }
  }
  const created: ApprovalLink = {
    ...link,
    linkId: randomBytes(16).toString('base64url'),
    createdAt: new Date().toISOString(),
    status: 'waiting',
  };
  // One request for the three: none is conditional, and a crash that wrote only some of them is mended
  // by the ask's retry (a pointer to a link never written names none; a link no pointer names is never mailed).
  await putRecords(client, table, [
    { ...linkKey(created.linkId), ...created, ...taskKeys(created) },
    { ...openLinkKey(link.caseId, link.step, link.purpose, link.officialId), linkId: created.linkId },
    // Every link a case ever had, in order: how long each step waited (the dashboard).
    { ...askedKey(link.caseId, created.createdAt, created.linkId), linkId: created.linkId },
  ]);
  return { link: created, created: true };
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const ApprovalLinkSchema: z.ZodMiniType<ApprovalLink> = z.lazy(() =>
  z.object({
    linkId: text,
    caseId: text,
    sop: text,
    revision: z.optional(text),
    step: z.number(),
    lane: text,
    purpose: z.enum(['step', 'applicant-correction']),
    officialId: text,
    token: text,
    createdAt: text,
    expiresAt: text,
    status: z.enum(['waiting', 'decided']),
    decision: z.optional(z.record(z.string(), z.unknown())),
    notifiedAt: z.optional(text),
    notifiedTo: z.optional(text),
    deliveredAt: z.optional(text),
  } satisfies RecordShape<ApprovalLink>),
);
/** A waiting link's place in an official's queue (TASKS): not part of the link. */
const TASK_INDEX = [TASKS.partition, TASKS.sort];
const readLink = (item: Record<string, unknown>) => readRecord(ApprovalLinkSchema, 'tautan', item, TASK_INDEX);

/** The items that point at a link (OPENLINK#, ASKED#): its id. */
const LinkPointerSchema = z.lazy(() => z.object({ linkId: text }));
const pointedLink = (item: Record<string, unknown>) => readRecord(LinkPointerSchema, 'penunjuk tautan', item).linkId;

const taskKeys = (link: Pick<ApprovalLink, 'officialId' | 'createdAt' | 'linkId'>) => ({
  [TASKS.partition]: officialTasks(link.officialId),
  [TASKS.sort]: taskSort(link.createdAt, link.linkId),
});

/** An official's waiting links, oldest first: the "Tugas saya" list. */
export const listTasks = (client: DynamoDBDocumentClient, table: string, officialId: string) =>
  queryRecords(client, table, { partition: officialTasks(officialId), index: TASKS }, readLink);

export async function getLink(
  client: DynamoDBDocumentClient,
  table: string,
  linkId: string,
): Promise<ApprovalLink | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(linkId)) return undefined;
  return getRecord(client, table, linkKey(linkId), readLink);
}

/** The links the pointer items (OPENLINK#, ASKED#) under `prefix` of a partition name: a pointer whose link is gone names none. */
async function pointedLinks(
  client: DynamoDBDocumentClient,
  table: string,
  pointers: { partition: string; prefix: string },
  except?: string,
): Promise<ApprovalLink[]> {
  const range = { beginsWith: pointers.prefix };
  const ids = await queryRecords(client, table, { partition: pointers.partition, range }, pointedLink);
  const asked = ids.filter((id) => id !== except);
  const links = await getRecords(client, table, asked.map(linkKey), readLink);
  return links.filter((link): link is ApprovalLink => link !== undefined);
}

/** Every link a case was asked through, oldest first. */
export const listCaseLinks = (client: DynamoDBDocumentClient, table: string, caseId: string) =>
  pointedLinks(client, table, { partition: casePartition(caseId), prefix: ASKED_PREFIX });

/** An official's link for a step, while it is the one their e-mail carries. */
export async function findOpenLink(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  step: number,
  purpose: string,
  officialId: string,
): Promise<ApprovalLink | undefined> {
  const linkId = await getRecord(client, table, openLinkKey(caseId, step, purpose, officialId), pointedLink);
  return linkId === undefined ? undefined : getLink(client, table, linkId);
}

/** The links the e-mails of a step now carry, one per official asked (its holder, and its supervisor once escalated). */
export async function listStepLinks(
  client: DynamoDBDocumentClient,
  table: string,
  at: Pick<ApprovalLink, 'caseId' | 'step' | 'purpose'>,
  except?: string,
): Promise<ApprovalLink[]> {
  const { pk, sk } = openLinkKey(at.caseId, at.step, at.purpose);
  return pointedLinks(client, table, { partition: pk, prefix: sk }, except);
}

/**
 * Closes the other officials' links of a step once one of them decided it: they say "sudah
 * diputuskan" from now on and leave the officials' task lists.
 */
export async function closeSiblingLinks(
  client: DynamoDBDocumentClient,
  table: string,
  decided: ApprovalLink,
  decisionId: string,
): Promise<void> {
  // The decided link itself is not read again: a step seldom has another (only once escalated).
  for (const item of await listStepLinks(client, table, decided, decided.linkId)) {
    if (item.status !== 'waiting') continue;
    // A link decided in the meantime keeps its own decision.
    await decideLink(client, table, item.linkId, {
      supersededBy: decisionId,
      by: decided.officialId,
      at: new Date().toISOString(),
    });
  }
}

/** Records that the link was e-mailed, and to whom. */
export async function markLinkNotified(
  client: DynamoDBDocumentClient,
  table: string,
  linkId: string,
  at: string,
  to: string,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: linkKey(linkId),
      UpdateExpression: 'SET notifiedAt = :at, notifiedTo = :to',
      ExpressionAttributeValues: { ':at': at, ':to': to },
    }),
  );
}

/** The link's id in the key its e-mails are sent under: `link-<id>`, or `link-<id>~<address>` for a later address. */
export const linkMailKey = (linkId: string, resentTo?: string) =>
  resentTo === undefined
    ? `link-${linkId}`
    : `link-${linkId}~${createHash('sha256').update(resentTo).digest('hex').slice(0, 12)}`;

/** The link an e-mail's key names (linkMailKey), if it is a link's. */
export const linkOfMailKey = (key: string | undefined) =>
  key?.startsWith('link-') ? key.slice(5).split('~')[0] : undefined;

/** Records that the workflow took the link's decision: it leaves the sweep's list (listUndeliveredLinks). */
export const markLinkDelivered = (client: DynamoDBDocumentClient, table: string, linkId: string, at: string) =>
  stampLink(client, table, linkId, 'deliveredAt', at, ` REMOVE ${TASKS.partition}, ${TASKS.sort}`);

async function stampLink(
  client: DynamoDBDocumentClient,
  table: string,
  linkId: string,
  field: 'deliveredAt',
  at: string,
  remove = '',
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: linkKey(linkId),
      UpdateExpression: `SET #field = :at${remove}`,
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/**
 * Decided links whose decision the workflow has not taken, decided before `before`, oldest first:
 * what a process that died between the decision and its delivery left (the sweep's,
 * deliver-stranded-decisions.ts). Read from an index, so each is read again before it is acted on.
 */
export const listUndeliveredLinks = (client: DynamoDBDocumentClient, table: string, before: Date) =>
  queryRecords(
    client,
    table,
    { partition: UNDELIVERED_DECISIONS, range: { before: before.toISOString() }, index: TASKS },
    readLink,
  );

/** Takes a link off the sweep's list without delivering it (the sweep gave it up); nothing where it is off already. */
export async function dropUndeliveredLink(client: DynamoDBDocumentClient, table: string, linkId: string) {
  await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: linkKey(linkId),
        UpdateExpression: `REMOVE ${TASKS.partition}, ${TASKS.sort}`,
        ConditionExpression: '#pk = :undelivered',
        ExpressionAttributeNames: { '#pk': TASKS.partition },
        ExpressionAttributeValues: { ':undelivered': UNDELIVERED_DECISIONS },
      }),
    ),
  );
}

/**
 * Marks a link decided, once: the link as it now stands, or undefined for the second attempt, which
 * acts on nothing. The answer carries the item the write left, so no read follows it. The link leaves
 * its official's task list; an official's decision (`toDeliver`, its time) goes, in the same write, on
 * the sweep's list until the workflow takes it (markLinkDelivered), so a process dying in between
 * leaves it where the sweep finds it.
 */
export async function decideLink(
  client: DynamoDBDocumentClient,
  table: string,
  linkId: string,
  decision: Record<string, unknown>,
  toDeliver?: { at: string },
): Promise<ApprovalLink | undefined> {
  const queue = toDeliver
    ? { set: `, ${TASKS.partition} = :queue, ${TASKS.sort} = :since`, remove: '' }
    : { set: '', remove: ` REMOVE ${TASKS.partition}, ${TASKS.sort}` };
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: linkKey(linkId),
        UpdateExpression: `SET #status = :decided, decision = :decision${queue.set}${queue.remove}`,
        ConditionExpression: '#status = :waiting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':decided': 'decided',
          ':waiting': 'waiting',
          ':decision': decision,
          ...(toDeliver ? { ':queue': UNDELIVERED_DECISIONS, ':since': taskSort(toDeliver.at, linkId) } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? readLink(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Claims a step's asking for one link, before that link records its decision: the officials asked
 * (the holder, and the supervisor once escalated) share the asking's task token, so the first claim
 * on it wins and a second official deciding at the same moment is refused, instead of both
 * decisions entering the trail. Returns false when another link holds the claim.
 */
export async function claimAsking(client: DynamoDBDocumentClient, table: string, link: ApprovalLink): Promise<boolean> {
  const asking = createHash('sha256').update(link.token).digest('base64url').slice(0, 32);
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: { ...askingClaimKey(link.caseId, link.step, link.purpose, asking), linkId: link.linkId },
        ConditionExpression: 'attribute_not_exists(pk) OR linkId = :mine',
        ExpressionAttributeValues: { ':mine': link.linkId },
      }),
    ),
  );
}

/** Why a link no longer decides anything: a revision move renumbered its step (cases/migrate-case.ts). */
export interface LinkMove {
  /** One move's id: its retirement is undone only by the move that made it. */
  moveId: string;
  /** The revision the case moved to, as a person reads it ("revisi 01, berlaku 2 Januari 2026"). */
  toRevision: string;
  toRevisionLabel: string;
  /** The counterpart step, whose new link went to its official. */
  toStep: number;
  at: string;
}

const LinkMoveSchema: z.ZodMiniType<LinkMove> = z.lazy(() =>
  z.object({
    moveId: text,
    toRevision: text,
    toRevisionLabel: text,
    toStep: z.number(),
    at: text,
  } satisfies RecordShape<LinkMove>),
);

/** The move that retired a link, if one did. */
export const movedBy = (link: ApprovalLink): LinkMove | undefined => readDecision(link, LinkMoveSchema, 'movedTo');

/**
 * Retires a step's waiting links before a revision move: all of them where the move renumbers the
 * step, those `retiring` picks where it keeps it (the new ask re-points only its official's). Each leaves its
 * official's queue and holds the move instead of a decision, so its page says where the file went
 * and a decision on it is refused. A link decided meanwhile is left as it is and reported in
 * `decided`: the step moved on, and the move must not go ahead.
 */
export async function retireStepLinks(
  client: DynamoDBDocumentClient,
  table: string,
  at: Pick<ApprovalLink, 'caseId' | 'step' | 'purpose'>,
  move: LinkMove,
  retiring: (link: ApprovalLink) => boolean = () => true,
): Promise<{ retired: ApprovalLink[]; decided: boolean }> {
  return retireWaitingLinks(client, table, await listStepLinks(client, table, at), { movedTo: move }, retiring);
}

/** Why a link no longer decides anything: its case failed and is `gagal` (cases/record-failure.ts). */
export interface LinkFailure {
  /** When the failure retired the link. */
  at: string;
}

const LinkFailureSchema: z.ZodMiniType<LinkFailure> = z.lazy(() =>
  z.object({ at: text } satisfies RecordShape<LinkFailure>),
);

/** The failure that retired a link, if one did. */
export const failedBy = (link: ApprovalLink): LinkFailure | undefined =>
  readDecision(link, LinkFailureSchema, 'caseFailed');

/**
 * A link's decision, or one part of it, as the shape its reader expects (an official's decision, a
 * move, a failure), checked by that shape's schema: undefined when the link holds none.
 */
export function readDecision<T>(
  link: ApprovalLink,
  schema: z.ZodMiniType<T>,
  part?: 'movedTo' | 'caseFailed',
): T | undefined {
  const value = part ? link.decision?.[part] : link.decision;
  if (value === undefined) return undefined;
  return readField(schema, 'tautan', linkKey(link.linkId), part ? ['decision', part] : ['decision'], value);
}

/**
 * Retires the waiting links of a case that failed, as a revision move retires a step's: no
 * execution is left to take their decisions, so each leaves its official's queue and holds the
 * failure instead of a decision (its page says the file failed, a decision on it is refused). A link
 * decided meanwhile keeps its decision; a repeat finds nothing waiting and changes nothing.
 */
export async function retireCaseLinks(
  client: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  failure: LinkFailure,
): Promise<ApprovalLink[]> {
  const { retired } = await retireWaitingLinks(client, table, await listCaseLinks(client, table, caseId), {
    caseFailed: failure,
  });
  return retired;
}

/**
 * The retirement a revision move and a case's failure share: each waiting link `retiring` picks
 * holds `why` in place of a decision (so it leaves its official's queue), written only while it
 * still waits. One decided meanwhile keeps its decision and sets `decided`.
 */
async function retireWaitingLinks(
  client: DynamoDBDocumentClient,
  table: string,
  links: ApprovalLink[],
  why: { movedTo: LinkMove } | { caseFailed: LinkFailure },
  retiring: (link: ApprovalLink) => boolean = () => true,
): Promise<{ retired: ApprovalLink[]; decided: boolean }> {
  const retired: ApprovalLink[] = [];
  let decided = false;
  for (const link of links) {
    if (link.status !== 'waiting' || !retiring(link)) continue;
    if (await decideLink(client, table, link.linkId, why)) retired.push(link);
    else decided = true;
  }
  return { retired, decided };
}

/** Undoes retireStepLinks for a move that did not happen: the links wait again, in their officials' queues. */
export async function restoreRetiredLinks(
  client: DynamoDBDocumentClient,
  table: string,
  links: ApprovalLink[],
  moveId: string,
): Promise<void> {
  for (const link of links)
    await conditionHeld(
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: linkKey(link.linkId),
          UpdateExpression: `SET #status = :waiting, ${TASKS.partition} = :pk, ${TASKS.sort} = :sk REMOVE decision`,
          ConditionExpression: '#status = :decided AND decision.movedTo.moveId = :move',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':waiting': 'waiting',
            ':decided': 'decided',
            ':move': moveId,
            ':pk': officialTasks(link.officialId),
            ':sk': taskSort(link.createdAt, link.linkId),
          },
        }),
      ),
    );
}
