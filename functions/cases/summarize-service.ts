import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WorkingClock } from '#clock/working-clock.ts';
import { listCases } from '#records/case-records.ts';
import { listCaseLinks } from '#records/links.ts';
import { listSurveys } from '#records/survey-records.ts';
import type { Sop } from '#sop/schema.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { computeIkm, type IkmResult } from '#survey/ikm.ts';

export interface ServiceSummary {
  sop: string;
  title: string;
  from: string;
  to: string;
  received: number;
  /** Closed cases with a promised date, finished by it or after it. */
  onTime: number;
  late: number;
  rejected: number;
  /** Per step: the median of the service minutes it waited for its decision, against its standard. */
  steps: {
    step: number;
    title: string;
    decisions: number;
    medianMinutes: number | null;
    standardMinutes: number | null;
    standard: string;
  }[];
  waiting: {
    caseId: string;
    fileNumber: string;
    step: number;
    lane: string;
    holder: string;
    dueAt: string;
    overdue: boolean;
  }[];
  ikm: IkmResult | null;
}

const median = (values: number[]) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : null;

/**
 * The dashboard's figures for one SOP and period (cases received in it): on time against late,
 * each step's median waiting time in service minutes against its time standard, the cases waiting
 * now with who holds them, and the IKM of the surveys filled in the period.
 */
export async function summarizeService(
  deps: { dynamo: DynamoDBDocumentClient; table: string; clock: WorkingClock; staff: StaffDirectory },
  sop: Sop,
  from: string,
  to: string,
  now = new Date(),
): Promise<ServiceSummary> {
  const cases = await listCases(deps.dynamo, deps.table, sop.id, from, to);
  const closed = cases.filter((c) => c.status === 'selesai' && c.deadline && c.closedAt);
  const onTime = closed.filter((c) => deps.clock.workingDayOf(new Date(c.closedAt!)) <= c.deadline!).length;
  const waitedByStep = new Map<number, number[]>();
  for (const record of cases) {
    for (const link of await listCaseLinks(deps.dynamo, deps.table, record.caseId)) {
      const decidedAt =
        typeof link.decision?.at === 'string' && !link.decision.supersededBy ? link.decision.at : undefined;
      if (link.purpose !== 'step' || !decidedAt) continue;
      waitedByStep.set(link.step, [
        ...(waitedByStep.get(link.step) ?? []),
        deps.clock.serviceMinutesBetween(new Date(link.createdAt), new Date(decidedAt)),
      ]);
    }
  }
  const answers = (await listSurveys(deps.dynamo, deps.table, sop.id, from, to)).map((survey) => survey.answers);
  return {
    sop: sop.id,
    title: sop.title,
    from,
    to,
    received: cases.length,
    onTime,
    late: closed.length - onTime,
    rejected: cases.filter((c) => c.status === 'ditolak').length,
    steps: sop.steps
      .filter((step) => waitedByStep.has(step.no))
      .map((step) => ({
        step: step.no,
        title: step.title,
        decisions: waitedByStep.get(step.no)!.length,
        medianMinutes: median(waitedByStep.get(step.no)!),
        standardMinutes: step.time?.maxMinutes ?? null,
        standard: step.time?.asWritten ?? '-',
      })),
    waiting: cases
      .filter((c) => c.status === 'berjalan' && c.current)
      .map((c) => ({
        caseId: c.caseId,
        fileNumber: c.fileNumber,
        step: c.current!.step,
        lane: sop.lanes.find((l) => l.id === c.current!.lane)?.label ?? c.current!.lane,
        holder: deps.staff.byId(c.current!.officialId)?.name ?? c.current!.officialId,
        dueAt: c.current!.dueAt,
        overdue: new Date(c.current!.dueAt) < now,
      })),
    ikm: computeIkm(answers) ?? null,
  };
}
