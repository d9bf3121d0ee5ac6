import type { WorkingClock } from '#clock/working-clock.ts';
import { officeClock } from '#clock/add-working-days.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getCases, listEvents, type CaseRecord } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { readLedger } from '#records/service-ledger.ts';
import type { ClosedAs } from '#records/service-ledger.ts';
import { revisionsOf } from '#sop/load-catalog.ts';
import { revisionLabel, revisionOf, type Sop } from '#sop/schema.ts';
import { closedAs } from './ledger-entries.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { ikmOfSums, type IkmResult } from '#survey/ikm.ts';
import { listLiveAbsences, type Absence } from '#records/absences.ts';
import { actingOfficial, deputyHolding, heldAt } from '#staff/acting-official.ts';
import { witaDateTime } from '#clock/wita.ts';
import { formatTanggal } from '#documents/format-dates.ts';

export interface ServiceSummary {
  sop: string;
  title: string;
  from: string;
  to: string;
  received: number;
  /** Closed cases with a promised date, finished by it or after it. */
  onTime: number;
  late: number;
  /** Completed where no promised date applies (an SOP whose seed gives none): neither on time nor late. */
  completed: number;
  rejected: number;
  /**
   * Still running, or stopped by a failure: received = onTime + late + completed + rejected + open,
   * but for a case the ledger counted whose record is gone (none is ever deleted but by hand).
   */
  open: number;
  /**
   * Per revision and step: the median of the service minutes it waited for its decision, against the
   * standard of the revision that asked (a link keeps its machine's revision).
   */
  steps: {
    /** The revision, as a person reads it ("revisi 01, berlaku 2 Januari 2026"). */
    revision: string;
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
    /** The case's own revision and its time standard for the step waiting (its due time was set by it). */
    revision: string;
    standard: string;
  }[];
  /** Running cases a machine task retries until an operator acts (a signer's certificate missing), with why. */
  waitingForOperator: { caseId: string; fileNumber: string; since: string; reason: string }[];
  /** Cases a failure stopped (status `gagal`), with what stopped them: staff must act on each. */
  stopped: { caseId: string; fileNumber: string; at: string; problem: string }[];
  ikm: IkmResult | null;
}

// A typed array sorts numbers as numbers, several times faster than a comparator: a year holds hundreds of thousands of waits.
const median = (values: number[]) =>
  values.length ? (Float64Array.from(values).sort()[Math.floor(values.length / 2)] ?? null) : null;

/** The dashboard's figures for every SOP of the catalog, or the one asked for, over a period. */
export async function summarizeServices(
  rt: Runtime,
  sopId: string | undefined,
  from: string,
  to: string,
  now = new Date(),
): Promise<ServiceSummary[]> {
  const deps = {
    dynamo: rt.dynamo,
    table: rt.config.table,
    staff: rt.staff,
    clock: officeClock(),
    sopOf: (ref: SopRef) => rt.sopOf(ref),
    revisions: rt.revisions,
    // Read once for every SOP: a step waiting on an official who is away is held by their deputy.
    absences: (await listLiveAbsences(rt.dynamo, rt.config.table)).filter(heldAt(now)),
  };
  return Promise.all(
    rt.catalog.filter((sop) => !sopId || sop.id === sopId).map((sop) => summarizeService(deps, sop, from, to, now)),
  );
}

type SopRef = { sop: string; revision?: string | undefined };
interface SummaryDeps {
  dynamo: DynamoDBDocumentClient;
  table: string;
  staff: StaffDirectory;
  clock: WorkingClock;
  /** The revision a case or link is under (Runtime.sopOf): its steps, lanes and time standards. */
  sopOf: (ref: SopRef) => Sop;
  revisions: readonly Sop[];
  /** The absences not ended early, whichever days they cover. */
  absences: readonly Absence[];
}

/**
 * The dashboard's figures for one SOP (its newest revision names it) and period (cases received in
 * it), from its ledger (records/service-ledger.ts) and the records of the cases it has no closing for:
 *  1. on time against late, among the cases closed with a promised date; completed without one,
 *     rejected, and still open, so that every case received is counted once;
 *  2. each step's median waiting time in service minutes, against the time standard of the revision
 *     that asked it (per revision, oldest first);
 *  3. the cases waiting now, with who holds them and whether they are overdue, each against its own revision;
 *  4. the cases a failure stopped, with what stopped them (a lane with nobody to ask, say);
 *  5. the IKM of the surveys filled in the period.
 */
export async function summarizeService(
  deps: SummaryDeps,
  sop: Sop,
  from: string,
  to: string,
  now = new Date(),
): Promise<ServiceSummary> {
  const ledger = await readLedger(deps.dynamo, deps.table, sop.id, from, to);
  const records = await getCases(deps.dynamo, deps.table, ledger.open);
  const open = records
    .filter((record): record is CaseRecord => record?.status === 'berjalan' || record?.status === 'gagal')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // A case closed a moment ago, or whose closing could not be entered, counts as its record says.
  const closedSince = records.flatMap((record) => (record && closedAs(record, deps.clock)) || []);
  const count = (closing: ClosedAs) => ledger.closed[closing] + closedSince.filter((one) => one === closing).length;
  return {
    sop: sop.id,
    title: sop.title,
    from,
    to,
    received: ledger.received,
    onTime: count('tepat'),
    late: count('terlambat'),
    completed: count('selesai'),
    rejected: count('ditolak'),
    open: open.length,
    steps: revisionsOf(deps.revisions, sop.id).flatMap((revision) =>
      revision.steps.flatMap((step) => {
        // Keyed by the asking revision and the step: the same number may be another act in another revision.
        const waited = ledger.waits.get(`${revisionOf(revision)}#${step.no}`);
        if (!waited) return [];
        return [
          {
            revision: revisionLabel(revision),
            step: step.no,
            title: step.title,
            decisions: waited.length,
            medianMinutes: median(waited),
            standardMinutes: step.time?.maxMinutes ?? null,
            standard: step.time?.asWritten ?? '-',
          },
        ];
      }),
    ),
    waiting: open.flatMap((record) => waitingRow(deps, record, now)),
    waitingForOperator: open.flatMap(({ caseId, fileNumber, status, waitingForOperator: mark }) =>
      status === 'berjalan' && mark ? [{ caseId, fileNumber, since: mark.since, reason: mark.reason }] : [],
    ),
    stopped: await stoppedCases(deps, open),
    ikm: ikmOfSums(ledger.surveys.count, ledger.surveys.sums) ?? null,
  };
}

/** A case waiting now, read under its own revision: its lane's label and the time standard of its step. */
function waitingRow(deps: SummaryDeps, record: CaseRecord, now: Date): ServiceSummary['waiting'] {
  const { caseId, fileNumber, status, current } = record;
  if (status !== 'berjalan' || !current) return [];
  const sop = deps.sopOf(record);
  const lane = sop.lanes.find((l) => l.id === current.lane);
  return [
    {
      caseId,
      fileNumber,
      step: current.step,
      lane: lane?.label ?? current.lane,
      // The applicant's own step waits on the applicant; the front office asked beside them only acts for one who cannot.
      holder: lane?.external ? 'pemohon (konfirmasi di halaman pemohon)' : holderOf(deps, current.officialId, now),
      dueAt: current.dueAt,
      overdue: Boolean(current.overdueSince) || new Date(current.dueAt) < now,
      revision: revisionLabel(sop),
      standard: sop.steps.find((s) => s.no === current.step)?.time?.asWritten ?? '-',
    },
  ];
}

/** Who holds a step now: its official, or while they are away, the deputy who does it meanwhile. */
function holderOf(deps: SummaryDeps, officialId: string, now: Date): string {
  const acting = actingOfficial(deps.staff, deps.absences, officialId, witaDateTime(now).date);
  if (!acting) return officialId;
  const away = acting.standsInFor;
  if (!away) return acting.official.name;
  return deputyHolding(acting.official.name, away.as, away.official.name, formatTanggal(away.until));
}

/** The cases a failure stopped, each with its latest failure line of the trail (record-failure.ts). */
async function stoppedCases(
  deps: { dynamo: DynamoDBDocumentClient; table: string },
  cases: CaseRecord[],
): Promise<ServiceSummary['stopped']> {
  const stopped = cases.filter((c) => c.status === 'gagal');
  return Promise.all(
    stopped.map(async ({ caseId, fileNumber }) => {
      const failure = (await listEvents(deps.dynamo, deps.table, caseId))
        .filter((e) => e.actionId.startsWith('failure-'))
        .at(-1);
      return {
        caseId,
        fileNumber,
        at: failure?.at ?? '',
        problem: failure?.action ?? 'Proses terhenti karena kesalahan sistem',
      };
    }),
  );
}
