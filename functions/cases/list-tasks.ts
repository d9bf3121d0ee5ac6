import { witaDateTime } from '#clock/wita.ts';
import { listLiveAbsences } from '#records/absences.ts';
import { heldAt } from '#staff/acting-official.ts';
import { getCase, type CaseRecord } from '#records/case-records.ts';
import { listCaseLinks, listTasks as listOpenLinks, type ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import { findSendBack, type SendBack } from './find-send-back.ts';

export type { ApprovalLink };

export interface Task {
  task: ApprovalLink;
  record: CaseRecord | undefined;
  sop: Sop;
  /** A task of an official who is away, which this official does as their deputy. */
  standingInFor?: StandingFor;
  /** This official's own task while they are recorded as away: their deputy does it meanwhile. */
  heldBy?: StandingFor;
  /** The file came back to this step by a send-back: a returned file must not read as a new one. */
  sentBack: SendBack | undefined;
}

/** The absences that hold today (WITA), not ended early. */
async function absencesToday(rt: Runtime, now: Date) {
  const today = witaDateTime(now).date;
  return (await listLiveAbsences(rt.dynamo, rt.config.table)).filter(
    (absence) => absence.from <= today && today <= absence.to && heldAt(now)(absence),
  );
}

/** An absence as one side reads it: the other official (the away one, or the deputy), the capacity, until when. */
export interface StandingFor {
  official: Official;
  as: 'an' | 'plh' | 'plt';
  until: string;
}

type Absences = Awaited<ReturnType<typeof absencesToday>>;

/** Whom the official stands in for among today's absences: their task list says so, tasks or none. */
const standingAmong = (rt: Runtime, officialId: string, current: Absences): StandingFor[] =>
  current.flatMap((absence) => {
    const official = absence.deputyId === officialId ? rt.staff.byId(absence.officialId) : undefined;
    return official ? [{ official, as: absence.as, until: absence.to }] : [];
  });

/** Tugas saya: the official's tasks (listTasks) and whom they stand in for today, from one read of the absences. */
export async function showTaskList(
  rt: Runtime,
  officialId: string,
  now: Date = new Date(),
): Promise<{ tasks: Task[]; standingIn: StandingFor[] }> {
  const current = await absencesToday(rt, now);
  return { tasks: await tasksAmid(rt, officialId, current), standingIn: standingAmong(rt, officialId, current) };
}

/**
 * Lists what waits for an official:
 *  1. the open links addressed to them, the oldest first (while they are away, with the deputy who does them);
 *  2. then those of every official they stand in for today (an absence recorded with them as deputy);
 *  3. each with its case and SOP, and the send-back that brought the file back to it, if one did.
 */
export async function listTasks(rt: Runtime, officialId: string, now: Date = new Date()): Promise<Task[]> {
  return tasksAmid(rt, officialId, await absencesToday(rt, now));
}

/** listTasks' steps, amid today's absences. */
async function tasksAmid(rt: Runtime, officialId: string, current: Absences): Promise<Task[]> {
  const standing = current.filter((absence) => absence.deputyId === officialId);
  const away = current.find((absence) => absence.officialId === officialId);
  const deputy = away && rt.staff.byId(away.deputyId);
  const heldBy = away && deputy ? { heldBy: { official: deputy, as: away.as, until: away.to } } : {};
  const own = await listOpenLinks(rt.dynamo, rt.config.table, officialId);
  const theirs = await Promise.all(
    standing.map(async (absence) => {
      const official = rt.staff.byId(absence.officialId);
      const links = official ? await listOpenLinks(rt.dynamo, rt.config.table, official.id) : [];
      return links.map((task) => ({
        task,
        ...(official ? { standingInFor: { official, as: absence.as, until: absence.to } } : {}),
      }));
    }),
  );
  const entries = [...own.map((task) => ({ task, ...heldBy })), ...theirs.flat()];
  // Each case read once, with its links, however many of its steps wait here.
  const caseIds = [...new Set(entries.map((entry) => entry.task.caseId))];
  const cases = new Map(
    await Promise.all(
      caseIds.map(
        async (caseId) =>
          [
            caseId,
            await Promise.all([
              getCase(rt.dynamo, rt.config.table, caseId),
              listCaseLinks(rt.dynamo, rt.config.table, caseId),
            ]).then(([record, links]) => ({ record, links })),
          ] as const,
      ),
    ),
  );
  return Promise.all(
    entries.map(async (entry) => {
      const read = cases.get(entry.task.caseId);
      return {
        ...entry,
        record: read?.record,
        sop: rt.sopOf(entry.task),
        sentBack: await findSendBack(rt, entry.task, read?.links),
      };
    }),
  );
}
