import { witaDateTime } from '#clock/wita.ts';
import { type Absence, listLatestPastAbsences, listLiveAbsences } from '#records/absences.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { DeputyCapacity, Official } from '#staff/load-staff-directory.ts';
import { heldAt } from '#staff/acting-official.ts';

export interface AbsenceView {
  absence: Absence;
  official: Official | undefined;
  deputy: Official | undefined;
  /** ongoing: today falls in it; coming: it begins later; over: ended or past. */
  when: 'ongoing' | 'coming' | 'over';
}

/**
 * The absences an official may see and act on, with what the form offers them:
 *  1. the head of office sees everyone's and may record for any official; others see their own and
 *     those they stand in for, and record their own;
 *  2. ongoing first, then coming, then the last ten over (those moved to their year read from this
 *     year and the one before);
 *  3. for each official they may record for, the deputies the directory names.
 */
export async function listAbsences(
  rt: Pick<Runtime, 'dynamo' | 'staff'> & { config: { table: string } },
  viewer: Official,
  now: Date = new Date(),
): Promise<{
  absences: AbsenceView[];
  mayRecordFor: { official: Official; deputies: { official: Official; as: DeputyCapacity }[] }[];
}> {
  const today = witaDateTime(now).date;
  const isHead = viewer.id === rt.staff.head.id;
  const maySee = (a: Absence) => isHead || a.officialId === viewer.id || a.deputyId === viewer.id;
  const viewOf = (absence: Absence): AbsenceView => ({
    absence,
    official: rt.staff.byId(absence.officialId),
    deputy: rt.staff.byId(absence.deputyId),
    when:
      absence.to < today || absence.to < absence.from || !heldAt(now)(absence)
        ? 'over'
        : absence.from > today
          ? 'coming'
          : 'ongoing',
  });
  const live = (await listLiveAbsences(rt.dynamo, rt.config.table)).filter(maySee);
  const moved = await listLatestPastAbsences(rt.dynamo, rt.config.table, { today, count: 10, keep: maySee });
  // A move cut off leaves an absence in both places: the live one is shown.
  const seen = [...live, ...moved.filter((a) => !live.some((l) => l.absenceId === a.absenceId))].map(viewOf);
  const order = { ongoing: 0, coming: 1, over: 2 } as const;
  seen.sort((a, b) => order[a.when] - order[b.when] || a.absence.from.localeCompare(b.absence.from));
  const over = seen.filter((v) => v.when === 'over').slice(-10);
  const mayRecordFor = (isHead ? rt.staff.officials : [viewer])
    .map((official) => ({ official, deputies: rt.staff.deputiesOf(official.id) }))
    .filter((entry) => entry.deputies.length > 0);
  return { absences: [...seen.filter((v) => v.when !== 'over'), ...over], mayRecordFor };
}
