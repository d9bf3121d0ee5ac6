import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { officeClock } from '#clock/add-working-days.ts';
import { type CaseRecord, getCase, recordEvent, updateCase } from '#records/case-records.ts';
import type { RecordShape } from '#records/check-record.ts';
import {
  closeSiblingLinks,
  listStepLinks,
  markLinkDelivered,
  readDecision,
  type ApprovalLink,
} from '#records/links.ts';
import { putSurvey } from '#records/survey-records.ts';
import { recordSurvey, recordWait } from '#records/service-ledger.ts';
import type { Sop } from '#sop/schema.ts';
import { SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';
import type { Workflow } from '#workflow/workflow.ts';
import type { DecisionFactor } from '#identity/signing-factor.ts';
import { adjustDeadline } from './adjust-deadline.ts';
import { allowedRoutes } from './rules/allowed-routes.ts';
import { type Acting, CAPACITY_TITLE } from '#staff/acting-official.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { actingFor } from './acting-for.ts';
import { waitOf, witaDay } from './ledger-entries.ts';

/** What an official decided on a link, as the link keeps it: the workflow gets all of it but the survey. */
export interface TakenDecision {
  id: string;
  route: string;
  note: string;
  by: string;
  at: string;
  documentData?: Record<string, unknown>;
  survey?: SurveyAnswers;
  /** What authorised it: the signer's authenticator code where it signs, else the session (or the applicant's link). */
  factor?: DecisionFactor;
  /** Taken by a deputy during the absence of the official the step is asked of (records/absences.ts). */
  standsInFor?: { officialId: string; as: 'an' | 'plh' | 'plt' };
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const DecisionFactorSchema: z.ZodMiniType<DecisionFactor> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['totp', 'bsre']), officialId: text, checkedAt: text }),
    z.object({ kind: z.literal('session'), officialId: text }),
    z.object({ kind: z.literal('link') }),
    z.object({ kind: z.literal('receipt-code') }),
  ]),
);
const TakenDecisionSchema: z.ZodMiniType<TakenDecision> = z.lazy(() =>
  z.object({
    id: text,
    route: text,
    note: text,
    by: text,
    at: text,
    documentData: z.optional(z.record(z.string(), z.unknown())),
    survey: z.optional(SurveySchema),
    factor: z.optional(DecisionFactorSchema),
    standsInFor: z.optional(z.object({ officialId: text, as: z.enum(['an', 'plh', 'plt']) })),
  } satisfies RecordShape<TakenDecision>),
);

/**
 * The decision an official took on a link, checked as it is read: undefined while the link waits,
 * or when what it holds is no official's decision (a sibling's closing, a revision move, a case's failure).
 */
export function takenDecision(link: ApprovalLink): TakenDecision | undefined {
  if (!link.decision?.id || !link.decision.route) return undefined;
  return readDecision(link, TakenDecisionSchema);
}

export interface DecisionContext {
  dynamo: DynamoDBDocumentClient;
  table: string;
  /** The SOP revision a link is under (Runtime.sopOf). */
  sop: (ref: { sop: string; revision?: string | undefined }) => Sop;
  officialName: (officialId: string) => string | undefined;
  /** Who acts for an official at an instant: the deputy while an absence is recorded. */
  acting: (officialId: string, at: Date) => Promise<Acting | undefined>;
  sendTaskSuccess: Workflow['sendTaskSuccess'];
}

/** The context of a decision from what every runtime has: its records, its catalog and staff, its workflow. */
export function decisionContext(
  rt: {
    dynamo: DynamoDBDocumentClient;
    config: { table: string };
    sopOf: (ref: { sop: string; revision?: string | undefined }) => Sop;
    staff: StaffDirectory;
  },
  workflow: Pick<Workflow, 'sendTaskSuccess'>,
): DecisionContext {
  return {
    dynamo: rt.dynamo,
    table: rt.config.table,
    sop: (ref) => rt.sopOf(ref),
    officialName: (id) => rt.staff.byId(id)?.name,
    acting: (officialId, at) => actingFor(rt, officialId, at),
    sendTaskSuccess: (token, output) => workflow.sendTaskSuccess(token, output),
  };
}

/** The workflow is not waiting for this token (a reminder replaced it, or a restart has not resumed the step yet). */
const NOT_WAITING = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Everything a decision entails once the link holds it (the commit point), in an order a crash
 * can cut anywhere and a second run completes; every part is safe to repeat:
 *  1. the trail's event, the legal record of who decided what (keyed by the decision id);
 *  2. the applicant's survey, where the step collects one, and the step's wait, in the dashboard's ledger;
 *  3. the promised date (a send-back to the applicant stops it, the corrected file resumes it);
 *  4. the other officials' links of the step close;
 *  5. the workflow gets the decision on the token it waits with;
 *  6. the link is marked delivered.
 * Returns false when the workflow was not waiting for the token: the step's next ask delivers it
 * (deliverTakenDecision), which is also how a restart finishes a decision it cut short.
 */
export async function settleDecision(
  ctx: DecisionContext,
  link: ApprovalLink,
  decision: TakenDecision,
  token: string,
  /** The case as the decision's own request read it, moments before: not read again. */
  record?: CaseRecord,
): Promise<boolean> {
  await recordTakenDecision(ctx, link, decision, record);
  return deliverDecision(ctx, link, decision, token);
}

/**
 * A POST on a link whose decision a crash left undelivered (on AWS, a web function that died
 * between the two writes; nothing else asks the step again before its due time). The workflow gets
 * the decision if it still waits on the link's token; only then is the rest of settling safe to run
 * again, since otherwise the case may have moved on (a later send-back to this step, say).
 */
export async function redeliverDecision(
  ctx: DecisionContext,
  link: ApprovalLink,
  decision: TakenDecision,
): Promise<boolean> {
  // The facts of a taken decision hold whatever the case did since: recorded before the delivery is tried.
  await recordDecisionFacts(ctx, link, decision);
  if (!(await deliverDecision(ctx, link, decision, link.token))) return false;
  await recordTakenDecision(ctx, link, decision);
  return true;
}

/** Steps 1 to 4 of settleDecision. */
async function recordTakenDecision(
  ctx: DecisionContext,
  link: ApprovalLink,
  decision: TakenDecision,
  known?: CaseRecord,
): Promise<void> {
  const sop = ctx.sop(link);
  const record = await recordDecisionFacts(ctx, link, decision, known);
  const deadline = record && adjustDeadline(officeClock(), sop, record, link, decision.route, new Date(decision.at));
  if (deadline) await updateCase(ctx.dynamo, ctx.table, link.caseId, deadline);
  await closeSiblingLinks(ctx.dynamo, ctx.table, link, decision.id);
}

/**
 * Steps 1 and 2 of settleDecision, what a decision is whatever happens to the case after it: the
 * trail's event, the survey, and the step's wait in the dashboard's ledger. The case's record, read
 * for the ledger, is returned for the promised date.
 */
async function recordDecisionFacts(
  ctx: DecisionContext,
  link: ApprovalLink,
  decision: TakenDecision,
  known?: CaseRecord,
): Promise<CaseRecord | undefined> {
  const sop = ctx.sop(link);
  await recordDecisionEvent(ctx, link, decision);
  const step = sop.steps.find((s) => s.no === link.step);
  if (decision.survey && step?.collectsSurvey && link.purpose === 'step') {
    const survey = { caseId: link.caseId, sop: link.sop, at: decision.at, answers: decision.survey };
    await putSurvey(ctx.dynamo, ctx.table, survey);
    await recordSurvey(ctx.dynamo, ctx.table, { ...survey, day: witaDay(decision.at) });
  }
  const record = known ?? (await getCase(ctx.dynamo, ctx.table, link.caseId));
  const wait = waitOf(link, decision, sop, officeClock());
  if (record && wait)
    await recordWait(ctx.dynamo, ctx.table, {
      sop: link.sop,
      caseId: link.caseId,
      receivedDay: witaDay(record.createdAt),
      linkId: link.linkId,
      ...wait,
    });
  return record;
}

/** The trail shows every decision with its note, the send-backs above all: who returned what, and why. */
async function recordDecisionEvent(ctx: DecisionContext, link: ApprovalLink, decision: TakenDecision): Promise<void> {
  const label = allowedRoutes(ctx.sop(link), link).find((r) => r.route === decision.route)?.label ?? decision.route;
  await recordEvent(ctx.dynamo, ctx.table, link.caseId, {
    actionId: decision.id,
    at: decision.at,
    step: link.step,
    lane: link.lane,
    actor: actorOf(ctx, decision, link),
    action: `Langkah ${link.step}: ${label}${standingIn(ctx, decision)}`,
    notes: decision.note,
    documents: [],
    ...(decision.factor ? { factor: decision.factor } : {}),
  });
}

/**
 * Who the trail says took a decision. The applicant confirming on their own page is the applicant, not
 * the front office that holds their step's link; one taken on that link by nobody signed in is the
 * link's holder only as far as the link goes, and the trail says so rather than name the official.
 */
function actorOf(ctx: DecisionContext, decision: TakenDecision, link: ApprovalLink): { id: string; name: string } {
  const name = ctx.officialName(decision.by) ?? decision.by;
  if (decision.factor?.kind === 'receipt-code') return { id: link.lane, name: 'Pemohon (di halaman pemohon)' };
  if (decision.factor?.kind === 'link')
    return { id: decision.by, name: `Pemegang tautan yang dikirim kepada ${name} (tanpa masuk)` };
  return { id: decision.by, name };
}

/** A deputy's decision says in whose stead it was taken. */
function standingIn(ctx: DecisionContext, decision: TakenDecision): string {
  const stand = decision.standsInFor;
  if (!stand) return '';
  return ` (${CAPACITY_TITLE[stand.as]}, menggantikan ${ctx.officialName(stand.officialId) ?? stand.officialId})`;
}

/** Steps 5 and 6: false when the workflow is not waiting on the token. */
async function deliverDecision(
  ctx: DecisionContext,
  link: ApprovalLink,
  decision: TakenDecision,
  token: string,
): Promise<boolean> {
  const { survey: _survey, ...forWorkflow } = decision;
  try {
    await ctx.sendTaskSuccess(token, forWorkflow);
  } catch (error) {
    if (NOT_WAITING.has((error as Error).name)) return false;
    throw error;
  }
  await markLinkDelivered(ctx.dynamo, ctx.table, link.linkId, new Date().toISOString());
  return true;
}

/**
 * A step asked again whose decision was already taken: a restart resumed its wait (same token), or
 * its due time fired between the decision and its delivery (a later round of the same asking,
 * with a new token). The decision goes to the workflow instead of a new e-mail. A decision of an
 * earlier asking of the step (before a send-back brought the case back) is never delivered again.
 * `stepLinks`: the step's links where the caller has read them (listStepLinks) already.
 */
export async function deliverTakenDecision(
  ctx: DecisionContext,
  ask: {
    caseId: string;
    step: number;
    purpose: ApprovalLink['purpose'];
    token: string;
    askedSince?: string | undefined;
  },
  stepLinks?: readonly ApprovalLink[],
): Promise<boolean> {
  for (const link of stepLinks ?? (await listStepLinks(ctx.dynamo, ctx.table, ask))) {
    const ofThisAsking =
      link.token === ask.token ||
      (ask.askedSince !== undefined && !link.deliveredAt && link.createdAt >= ask.askedSince);
    const decision = link.status === 'decided' && ofThisAsking ? takenDecision(link) : undefined;
    if (decision) return settleDecision(ctx, link, decision, ask.token);
  }
  return false;
}
