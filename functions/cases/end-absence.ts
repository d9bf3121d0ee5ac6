import { witaDateTime } from '#clock/wita.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { endAbsence as writeEnd, listLiveAbsences, retireOverAbsences } from '#records/absences.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { FactorChecker } from './decide.ts';
import { confirmRecorder } from './record-absence.ts';

/**
 * Ends an absence early (the official is back): from today the official acts on their own tasks again.
 *  1. the absence, by its id: none is `not-found`;
 *  2. only the official or the head of office may end it (`forbidden`, nothing changed);
 *  3. the ending official's own authenticator code, as recording asks it (record-absence.ts);
 *  4. one already ended, or over, is left as it is;
 *  5. one begun keeps today as its last day and holds until this moment (heldAt): what the deputy
 *     did today before it was ended stays theirs; one not begun yet ends the day before it starts,
 *     covering no day at all; the record says when and by whom it was ended;
 *  6. the absences over are moved out of those read at every approval (records/absences.ts).
 */
export async function endAbsence(
  rt: Runtime,
  request: { absenceId: string; actor: string; factorCode?: string | undefined },
  checkFactor: FactorChecker,
  now: Date = new Date(),
): Promise<void> {
  const { absenceId, actor } = request;
  const live = await listLiveAbsences(rt.dynamo, rt.config.table);
  const absence = live.find((a) => a.absenceId === absenceId);
  if (!absence) throw new ParafError('not-found', 'Catatan ketidakhadiran tidak ditemukan.');
  if (actor !== absence.officialId && actor !== rt.staff.head.id)
    throw new ParafError(
      'forbidden',
      'Ketidakhadiran diakhiri oleh pejabat yang bersangkutan sendiri atau oleh Kepala Dinas; tidak ada yang diubah.',
    );
  await confirmRecorder(checkFactor, actor, request.factorCode, {
    doing: 'untuk mengakhiri ketidakhadiran',
    notDone: 'Ketidakhadiran belum diakhiri',
  });
  const today = witaDateTime(now).date;
  await retireOverAbsences(rt.dynamo, rt.config.table, live, today);
  if (absence.endedAt || absence.to < today) return;
  const yesterday = witaDateTime(new Date(now.getTime() - 86_400_000)).date;
  const to = absence.from <= today ? today : yesterday;
  const ended = await writeEnd(rt.dynamo, rt.config.table, {
    absenceId,
    lastDay: to,
    endedAt: now.toISOString(),
    endedBy: actor,
    today,
  });
  // Not written: ended meanwhile by another request (a second click), which is what was asked; or changed some other way.
  if (
    !ended &&
    !(await listLiveAbsences(rt.dynamo, rt.config.table)).some((a) => a.absenceId === absenceId && a.endedAt)
  )
    throw new ParafError(
      'invalid',
      'Catatan ketidakhadiran berubah saat hendak diakhiri; muat ulang halaman, lalu ulangi bila masih perlu.',
    );
}
