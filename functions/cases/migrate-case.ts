import { ParafError } from '#errors/paraf-error.ts';
import { getCase, recordEvent, updateCase } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { counterpartStep } from '#sop/compare-revisions.ts';
import { stepGroup } from '#sop/compile-to-asl.ts';
import { findRevision, revisionsOf } from '#sop/load-catalog.ts';
import { revisionLabel, revisionOf } from '#sop/schema.ts';
import { NotAtState, type Workflow } from '#workflow/workflow.ts';

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
 *  1. the reason is given, the case is running, the revision is one the catalog keeps and newer than the case's;
 *  2. the case waits for an official's decision at a step (not at the applicant's correction, not mid-task);
 *  3. that step has a counterpart in the new revision (compare-revisions.ts: the same act, or the same
 *     number and kind), or the move is refused and nothing changes;
 *  4. the workflow moves the execution from the step's wait to the counterpart's schedule (a new due time
 *     by the new time standard; the official's link is asked again, so one already e-mailed for the
 *     same step number keeps working); refused when the execution is no longer at that wait;
 *  5. the case record names the new revision, and the trail says who, when, why, from which state to which.
 * The promised date stays the one the receipt printed. A crash between 4 and 5 leaves the execution on
 * the new revision (its events name it) and the record on the old one; the move is not repeated.
 */
export async function migrateCase(rt: Runtime, workflow: Workflow, move: CaseMove): Promise<MovedCase> {
  const reason = move.reason.trim();
  if (!reason) throw new ParafError('invalid', 'Alasan pemindahan revisi wajib diisi.');
  if (reason.length > 1000) throw new ParafError('invalid', 'Alasan pemindahan revisi paling banyak 1000 karakter.');
  const record = await getCase(rt.dynamo, rt.config.table, move.caseId);
  if (!record) throw new ParafError('not-found', 'Berkas tidak ditemukan.');
  if (record.status !== 'berjalan')
    throw new ParafError('not-movable', 'Berkas sudah tidak berjalan; revisi SOP-nya tidak dapat dipindahkan.');
  const from = rt.sopOf(record);
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
  if (!current || current.purpose !== 'step')
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
  if (!workflow.moveCase) throw new ParafError('not-movable', 'Pemindahan revisi SOP belum tersedia pada layanan ini.');
  const fromState = `${stepGroup(current.step)}_Wait`;
  const toState = `${stepGroup(counterpart.no)}_Schedule`;
  try {
    await workflow.moveCase({
      caseId: record.caseId,
      sopId: record.sop,
      toRevision: revisionOf(to),
      fromState,
      toState,
    });
  } catch (error) {
    if (error instanceof NotAtState)
      throw new ParafError(
        'not-movable',
        'Berkas sedang diproses atau sudah berpindah langkah; muat ulang halaman dan coba lagi.',
      );
    throw error;
  }
  const at = (move.at ?? new Date()).toISOString();
  await updateCase(rt.dynamo, rt.config.table, record.caseId, { revision: revisionOf(to) });
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
