import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { officeClock } from '#clock/add-working-days.ts';
import { getCase, recordEvent, updateCase } from '#records/case-records.ts';
import { putSurvey } from '#records/survey-records.ts';
import type { SurveyAnswers } from '#survey/ikm.ts';
import { adjustDeadline } from './adjust-deadline.ts';
import { closeSiblingLinks, decideLink, getLink, reopenLink, type ApprovalLink } from '#records/links.ts';
import type { Sop } from '#sop/schema.ts';

export interface DecisionRequest {
  decision: 'approve' | 'return' | 'reject';
  note?: string;
  returnTo?: string;
  documentData?: Record<string, unknown>;
  /** The applicant's satisfaction survey, at the step that collects it. */
  survey?: SurveyAnswers;
}

/** Why a decision was not taken, in Bahasa Indonesia: the page shows it as it is. */
export class DecisionRefused extends Error {
  constructor(
    readonly code: 'not-found' | 'expired' | 'decided' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'Paraf.DecisionRefused';
  }
}

/** The routes a step offers: approve, each send-back of the catalog, and reject where the SOP allows it. */
export function allowedRoutes(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose'>): { route: string; label: string }[] {
  if (link.purpose === 'applicant-correction') {
    return [
      { route: 'approve', label: 'Berkas perbaikan sudah diterima' },
      { route: 'reject', label: 'Pemohon membuat permohonan baru (berkas ditutup)' },
    ];
  }
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step) return [];
  return [
    { route: 'approve', label: step.question ? 'Ya' : step.kind === 'paraf-review' ? 'Setuju dan paraf' : step.kind === 'signature' ? 'Setuju dan tanda tangani' : 'Setuju' },
    ...step.returns.map((r) => ({
      route: `return:${r.to}`,
      label: `${r.answer ? `${r.answer}: ` : ''}Kembalikan ke ${r.to === 'applicant' ? 'pemohon' : `langkah ${r.to}`}`,
    })),
    ...(step.canReject ? [{ route: 'reject', label: 'Tolak' }] : []),
  ];
}

/**
 * Takes an official's decision from an approval link, once: the link must be open and unexpired,
 * the route one the step offers, a send-back must say why. Then the task token gets the decision.
 */
export interface DecideContext {
  dynamo: DynamoDBDocumentClient;
  table: string;
  sop: (id: string) => Sop;
  officialName: (officialId: string) => string | undefined;
  sendTaskSuccess: (token: string, output: Record<string, unknown>) => Promise<void>;
}

export async function decide(
  ctx: DecideContext,
  linkId: string,
  request: DecisionRequest,
  now: Date = new Date(),
): Promise<Record<string, unknown>> {
  const { dynamo: client, table } = ctx;
  const link = await getLink(client, table, linkId);
  if (!link) throw new DecisionRefused('not-found', 'Tautan tidak dikenal.');
  if (link.status === 'decided') throw new DecisionRefused('decided', 'Langkah ini sudah diputuskan.');
  if (new Date(link.expiresAt) < now) throw new DecisionRefused('expired', 'Tautan ini sudah kedaluwarsa.');
  const route = request.decision === 'return' ? `return:${request.returnTo ?? ''}` : request.decision;
  if (!allowedRoutes(ctx.sop(link.sop), link).some((r) => r.route === route)) throw new DecisionRefused('invalid', request.decision === 'return' ? 'Tujuan pengembalian tidak tersedia untuk langkah ini.' : 'Keputusan ini tidak tersedia untuk langkah ini.');
  const note = (request.note ?? '').trim();
  if (request.decision !== 'approve' && note.length < 3) throw new DecisionRefused('invalid', 'Catatan wajib diisi untuk pengembalian atau penolakan.');
  const decision = { id: randomUUID(), route, note, by: link.officialId, at: now.toISOString(), ...(request.documentData ? { documentData: request.documentData } : {}) };
  if (!(await decideLink(client, table, linkId, decision))) throw new DecisionRefused('decided', 'Langkah ini sudah diputuskan.');
  // A reminder may have given the step a new token meanwhile; once decided, the link's token no longer changes.
  const token = (await getLink(client, table, linkId))!.token;
  try {
    await ctx.sendTaskSuccess(token, decision);
  } catch (error) {
    await reopenLink(client, table, linkId, decision.id);
    throw new DecisionRefused('invalid', `Langkah sedang diperbarui; silakan coba lagi. (${(error as Error).name})`);
  }
  await closeSiblingLinks(client, table, link, decision.id);
  const step = ctx.sop(link.sop).steps.find((s) => s.no === link.step);
  if (request.survey && step?.collectsSurvey && link.purpose === 'step') await putSurvey(client, table, { caseId: link.caseId, sop: link.sop, at: decision.at, answers: request.survey });
  const record = await getCase(client, table, link.caseId);
  const deadline = record && adjustDeadline(officeClock(), ctx.sop(link.sop), record, link, route, now);
  if (deadline) await updateCase(client, table, link.caseId, deadline);
  // The trail shows every decision with its note, the send-backs above all: who returned what, and why.
  await recordEvent(client, table, link.caseId, {
    actionId: decision.id,
    at: decision.at,
    step: link.step,
    lane: link.lane,
    actor: { id: link.officialId, name: ctx.officialName(link.officialId) ?? link.officialId },
    action: describeRoute(ctx.sop(link.sop), link, route),
    notes: note,
    documents: [],
  });
  return decision;
}

function describeRoute(sop: Sop, link: ApprovalLink, route: string): string {
  const label = allowedRoutes(sop, link).find((r) => r.route === route)?.label ?? route;
  return `Langkah ${link.step}: ${label}`;
}
