import { randomUUID } from 'node:crypto';
import { readTypedText } from '#validation/typed-text.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { logger } from '#runtime/observability.ts';
import {
  type CaseRecord,
  claimCaseMove,
  getCase,
  recordCaseMove,
  recordEvent,
  releaseCaseMove,
} from '#records/case-records.ts';
import { type LinkMove, restoreRetiredLinks, retireStepLinks } from '#records/links.ts';
import { officialFor } from './official-for.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { counterpartStep } from '#sop/compare-revisions.ts';
import { stepGroup } from '#sop/compile-to-asl.ts';
import { findRevision, revisionsOf } from '#sop/load-catalog.ts';
import { revisionLabel, revisionOf, type Sop } from '#sop/schema.ts';
import { type MovedExecution, NotAtState, type Workflow } from '#workflow/workflow.ts';

/** A move's claim older than this is of a move that crashed: a move takes seconds (a stop and a start on AWS). */
const STALE_CLAIM_MS = 5 * 60_000;

export interface CaseMove {
  caseId: string;
  /** The revision to move to, as the catalog names it ("03", or an effective date where the seed prints no number). */
  toRevision: string;
  /** Why, in the official's words: kept in the trail. */
  reason: string;
  /** Who moves it: the signed-in official. */
  actor: { id: string; name: string };
  at?: Date;
}

export interface MovedCase {
  from: string;
  to: string;
  fromStep: number;
  toStep: number;
  fromState: string;
  toState: string;
}

/**
 * Moves an in-flight case to a newer revision of its SOP, as an explicit, audited act:
 *  1. the reason is given, the one asking is the head of office or a supervisor of the SOP's lanes, the case is running, the revision is one the catalog keeps and newer than the case's;
 *  2. the case waits for an official's decision at a step (not at the applicant's correction, not mid-task);
 *  3. that step has a counterpart in the new revision (compare-revisions.ts: the same act, or the same
 *     number and kind), or the move is refused and nothing changes;
 *  4. the move is claimed on the case record, held only while the case still runs under the revision
 *     read in 1 and no other move holds a claim younger than five minutes: of two moves asked at once,
 *     one goes on and the other is refused having changed nothing;
 *     where the counterpart has another number or lane, the links e-mailed for the old step are retired
 *     first (their pages say where the file went; a decision on them is refused); where it has the same,
 *     only the links of others than the official the new machine asks (a supervisor's escalation), so that no decision
 *     can be taken on a token the move is about to end; a link decided meanwhile stops the move;
 *  5. the workflow moves the execution from the step's wait to the counterpart's schedule (a new due time
 *     by the new time standard; the counterpart's official is asked and e-mailed: the same link when the
 *     number and lane are the same, else a new one); refused when the execution is no longer at that
 *     wait, and then the retired links wait again and the claim is given up;
 *  6. the case record names the new revision (and the new execution, where the engine made one) and
 *     loses the claim in the same write, and the trail says who, when, why, from which state to which.
 * The promised date stays the one the receipt printed. A crash between 4 and 5 leaves the old links
 * retired on a case not moved: the move can be asked again, and the step's next reminder e-mails a
 * new link. A crash between 5 and 6 leaves the execution on the new revision (its events name it)
 * and the record on the old one; the move is not repeated. Either way the crashed move's claim
 * stops other moves of the case for five minutes, then goes stale. A move still under way after
 * five minutes (a move takes seconds) can meet a second one; the engine's own check is then the guard.
 */
export async function migrateCase(rt: Runtime, workflow: Workflow, move: CaseMove): Promise<MovedCase> {
  const reason = readTypedText(move.reason, {
    label: 'Alasan pemindahan revisi',
    max: 1000,
    min: { length: 1, message: 'Alasan pemindahan revisi wajib diisi.' },
  });
  const { record, from, to, current, counterpart, renumbered } = await checkMove(rt, move);
  const moveCase = workflow.moveCase?.bind(workflow);
  if (!moveCase) throw new ParafError('not-movable', 'Pemindahan revisi SOP belum tersedia pada layanan ini.');
  const fromState = `${stepGroup(current.step)}_Wait`;
  const toState = `${stepGroup(counterpart.no)}_Schedule`;
  const at = (move.at ?? new Date()).toISOString();
  const linkMove: LinkMove = {
    moveId: randomUUID(),
    toRevision: revisionOf(to),
    toRevisionLabel: `${record.sop} ${revisionLabel(to)}`,
    toStep: counterpart.no,
    at,
  };
  // Where the step keeps its number and lane, the new machine's ask re-points its official's link at the
  // new token; any other link of the step (a supervisor's escalation) would stay on the ended one.
  // Named before the claim: a lane nobody staffs refuses the move with nothing to give up.
  const keptOfficial = renumbered ? undefined : officialFor(rt, to, counterpart.lane).id;
  await claimMove(rt, record, { moveId: linkMove.moveId, at });
  let moved: MovedExecution;
  try {
    moved = await moveExecution(rt, moveCase, {
      record,
      to,
      current,
      keptOfficial,
      linkMove,
      fromState,
      toState,
    });
  } catch (error) {
    await giveUpClaim(rt, record.caseId, linkMove.moveId);
    throw error;
  }
  await recordCaseMove(rt.dynamo, rt.config.table, record.caseId, {
    revision: revisionOf(to),
    execution: moved.execution,
  });
  await recordEvent(rt.dynamo, rt.config.table, record.caseId, {
    actionId: `revision-move-${at}`,
    at,
    step: counterpart.no,
    lane: counterpart.lane,
    actor: move.actor,
    action: `Berkas dipindahkan dari ${record.sop} ${revisionLabel(from)} ke ${revisionLabel(to)}: dari langkah ${current.step} (${fromState}) ke langkah ${counterpart.no} (${toState})`,
    notes: reason,
    documents: [],
  });
  return {
    from: revisionOf(from),
    to: revisionOf(to),
    fromStep: current.step,
    toStep: counterpart.no,
    fromState,
    toState,
  };
}

/**
 * Step 4's claim: two moves asked at once would both have read the old revision, and only the one
 * holding the claim goes on; the other is refused having changed nothing.
 */
async function claimMove(rt: Runtime, record: CaseRecord, claim: { moveId: string; at: string }): Promise<void> {
  const staleBefore = new Date(Date.parse(claim.at) - STALE_CLAIM_MS).toISOString();
  if (await claimCaseMove(rt.dynamo, rt.config.table, record.caseId, record.revision, claim, staleBefore)) return;
  throw new ParafError(
    'not-movable',
    'Berkas sedang dipindahkan ke revisi lain atau baru saja berubah; muat ulang halaman dan coba lagi.',
  );
}

/** The claim of a refused move given up; a failure to is logged, not thrown: the refusal is what the official must read, and the claim goes stale on its own. */
async function giveUpClaim(rt: Runtime, caseId: string, moveId: string): Promise<void> {
  await releaseCaseMove(rt.dynamo, rt.config.table, caseId, moveId).catch((failure: unknown) =>
    logger.error('revision move: claim not given up; other moves wait until it is stale', {
      caseId,
      error: failure as Error,
    }),
  );
}

/**
 * Steps 4 and 5: the step's links retired, then the execution moved; refused, the retired links wait
 * again. Runs only under the case's move claim.
 */
async function moveExecution(
  rt: Runtime,
  moveCase: NonNullable<Workflow['moveCase']>,
  plan: Omit<Awaited<ReturnType<typeof checkMove>>, 'from' | 'counterpart' | 'renumbered'> & {
    /** The official whose link the new machine re-points (the step keeps its number and lane); none: every link retires. */
    keptOfficial: string | undefined;
    linkMove: LinkMove;
    fromState: string;
    toState: string;
  },
): Promise<MovedExecution> {
  const { record, to, current, keptOfficial, linkMove } = plan;
  const stepAt = { caseId: record.caseId, step: current.step, purpose: 'step' } as const;
  const retirement = await retireStepLinks(rt.dynamo, rt.config.table, stepAt, linkMove, (link) =>
    keptOfficial === undefined ? true : link.officialId !== keptOfficial,
  );
  const notThere = () =>
    new ParafError(
      'not-movable',
      'Berkas sedang diproses atau sudah berpindah langkah; muat ulang halaman dan coba lagi.',
    );
  try {
    if (retirement.decided) throw notThere();
    return await moveCase({
      caseId: record.caseId,
      sopId: record.sop,
      fromRevision: record.revision,
      toRevision: revisionOf(to),
      fromState: plan.fromState,
      toState: plan.toState,
      execution: record.execution,
    });
  } catch (error) {
    await restoreRetiredLinks(rt.dynamo, rt.config.table, retirement.retired, linkMove.moveId);
    throw error instanceof NotAtState ? notThere() : error;
  }
}

/** The head of office, or the supervisor of one of the SOP's lanes (a Kabid over its steps): a move changes how the case goes on. */
function mayMove(rt: Runtime, sop: Sop, actorId: string): boolean {
  if (actorId === rt.staff.head.id) return true;
  const lanes = new Set(rt.staff.officials.find((official) => official.id === actorId)?.lanes ?? []);
  return sop.lanes.some((lane) => lane.supervisor !== undefined && lanes.has(lane.supervisor));
}

/** Steps 1 to 3: the case, its revision and the new one, the step it waits at and that step's counterpart. */
async function checkMove(rt: Runtime, move: CaseMove) {
  const record = await getCase(rt.dynamo, rt.config.table, move.caseId);
  if (!record) throw new ParafError('not-found', 'Berkas tidak ditemukan.');
  if (record.status !== 'berjalan')
    throw new ParafError('not-movable', 'Berkas sudah tidak berjalan; revisi SOP-nya tidak dapat dipindahkan.');
  const from = rt.sopOf(record);
  if (!mayMove(rt, from, move.actor.id))
    throw new ParafError(
      'forbidden',
      'Hanya Kepala Dinas atau kepala bidang yang membawahi langkah-langkah SOP ini yang dapat memindahkan revisi berkas.',
    );
  const to = findRevision(rt.revisions, record.sop, move.toRevision);
  const kept = revisionsOf(rt.revisions, record.sop).map(revisionOf).join(', ');
  if (!to)
    throw new ParafError(
      'unknown-revision',
      `${record.sop} tidak memiliki revisi "${move.toRevision}". Revisi yang disimpan katalog: ${kept}.`,
    );
  if (to.effectiveDate <= from.effectiveDate)
    throw new ParafError(
      'not-movable',
      `Berkas diproses menurut ${revisionLabel(from)}; berkas hanya dapat dipindahkan ke revisi yang lebih baru.`,
    );
  const current = record.current;
  if (current?.purpose !== 'step')
    throw new ParafError(
      'not-movable',
      'Berkas hanya dapat dipindahkan saat menunggu keputusan pejabat pada suatu langkah (tidak saat menunggu perbaikan dari pemohon atau saat sedang diproses).',
    );
  const step = from.steps.find((s) => s.no === current.step);
  const counterpart = counterpartStep(from, to, current.step);
  if (!step || !counterpart || counterpart.phase !== 'case')
    throw new ParafError(
      'no-counterpart',
      `Langkah ${current.step}${step ? ` (${step.title})` : ''} tidak memiliki padanan pada ${revisionLabel(to)}; berkas tetap diproses menurut ${revisionLabel(from)}.`,
    );
  // The links already e-mailed follow the new ask only where it is the same step and lane (records/links.ts openLink).
  const renumbered = counterpart.no !== step.no || counterpart.lane !== step.lane;
  return { record, from, to, current, counterpart, renumbered };
}
