import { createHash } from 'node:crypto';
import { witaDateTime } from '#clock/wita.ts';
import { calendarDayRule, isCalendarDay } from '#validation/calendar-day.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { absenceMail } from '#mail/mail-templates.ts';
import {
  type Absence,
  listAbsencesEndingFrom,
  listLiveAbsences,
  putAbsence,
  retireOverAbsences,
} from '#records/absences.ts';
import { getCase } from '#records/case-records.ts';
import { listTasks } from '#records/links.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { logger } from '#runtime/observability.ts';
import type { FactorChecker } from './decide.ts';
import { type FactorPurpose, refuseFactor } from './rules/refuse-factor.ts';

export interface AbsenceRequest {
  officialId: string;
  deputyId: string;
  from: string;
  to: string;
  reason: string;
  /** The signed-in official recording it. */
  actor: string;
  /** The recorder's authenticator code: an absence moves signing duties, so a session alone is not enough. */
  factorCode?: string | undefined;
}

/** Step 3's days: each one the calendar has, in order, and not all past. */
function refuseDays(request: AbsenceRequest, today: string) {
  // Compared as text below, and read back by every approval: a day that does not exist must never be stored.
  for (const [day, label] of [
    [request.from, 'Tanggal mulai'],
    [request.to, 'Tanggal selesai'],
  ] as const)
    if (!isCalendarDay(day)) throw new ParafError('invalid', `${label} ketidakhadiran ${calendarDayRule}.`);
  if (request.to < request.from)
    throw new ParafError('invalid', 'Tanggal selesai ketidakhadiran tidak boleh sebelum tanggal mulai.');
  if (request.to < today) throw new ParafError('invalid', 'Ketidakhadiran yang sudah lewat tidak dapat dicatat.');
}

/**
 * Records an official's absence and who stands in for them (Plh./Plt./a.n.):
 *  1. recorded by the official, or by the head of office for any of the staff;
 *  2. the deputy is one the staff directory names for that official (`deputises`), in the capacity it names;
 *  3. days the calendar has (WITA), from today on, `from` not after `to`, not overlapping another of their absences;
 *  4. the recorder's own authenticator code, checked and counted as a signing code is (after the
 *     form's checks, so a form refused for its dates takes no try of the throttle);
 *  5. once: the same absence again on the same day writes nothing (its id is its content and that day);
 *  6. the absences over are moved out of those read at every approval (records/absences.ts);
 *  7. begun already: the deputy is mailed the official's waiting tasks, which are theirs to act on now.
 * From then on new asks of the official's lanes are mailed to the deputy (request-action.ts), the
 * deputy decides and signs with their own account and key (decide.ts), and documents drafted meanwhile
 * print the deputy's block (render-documents.ts).
 */
export async function recordAbsence(
  rt: Runtime,
  request: AbsenceRequest,
  checkFactor: FactorChecker,
  now: Date = new Date(),
): Promise<Absence> {
  const official = rt.staff.byId(request.officialId);
  if (!official) throw new ParafError('invalid', `Pejabat "${request.officialId}" tidak ada di direktori staf.`);
  if (request.actor !== official.id && request.actor !== rt.staff.head.id)
    throw new ParafError(
      'forbidden',
      'Ketidakhadiran dicatat oleh pejabat yang bersangkutan sendiri atau oleh Kepala Dinas; tidak ada yang diubah.',
    );
  const deputy = rt.staff.deputiesOf(official.id).find((d) => d.official.id === request.deputyId);
  if (!deputy)
    throw new ParafError(
      'invalid',
      `Wakil yang dipilih tidak tercatat di direktori staf sebagai pengganti ${official.name}; pilih salah satu dari: ${
        rt.staff
          .deputiesOf(official.id)
          .map((d) => d.official.name)
          .join('; ') || '(belum ada: lengkapi "deputises" di direktori staf)'
      }.`,
    );
  const today = witaDateTime(now).date;
  refuseDays(request, today);
  const reason = request.reason.trim();
  if (reason.length < 3)
    throw new ParafError('invalid', 'Keterangan ketidakhadiran wajib diisi (misalnya cuti atau dinas luar).');
  const absence: Absence = {
    absenceId: createHash('sha256')
      // The day it is recorded too: the same request again that day writes nothing, and one recorded
      // again on a later day (after an end moved the first out of the live partition) is an absence of its own.
      .update(JSON.stringify([official.id, deputy.official.id, request.from, request.to, today]))
      .digest('hex')
      .slice(0, 24),
    officialId: official.id,
    deputyId: deputy.official.id,
    as: deputy.as,
    from: request.from,
    to: request.to,
    reason,
    recordedBy: request.actor,
    recordedAt: now.toISOString(),
  };
  const overlapping = (await listAbsencesEndingFrom(rt.dynamo, rt.config.table, absence.from, today)).find(
    (other) =>
      other.officialId === official.id &&
      other.absenceId !== absence.absenceId &&
      other.from <= absence.to &&
      absence.from <= other.to,
  );
  // Days, not instants: one ended early keeps the day it was ended (its deputy may have acted that morning).
  if (overlapping)
    throw new ParafError(
      'invalid',
      overlapping.endedAt
        ? `${official.name} sudah tercatat tidak hadir ${formatTanggal(overlapping.from)} sampai ${formatTanggal(overlapping.to)} (diakhiri pada hari itu); ketidakhadiran baru dapat dicatat mulai hari berikutnya.`
        : `${official.name} sudah tercatat tidak hadir ${formatTanggal(overlapping.from)} sampai ${formatTanggal(overlapping.to)}; akhiri catatan itu lebih dulu.`,
    );
  await confirmRecorder(checkFactor, request.actor, request.factorCode, {
    doing: 'untuk mencatat ketidakhadiran',
    notDone: 'Ketidakhadiran belum dicatat',
  });
  // Only once the request is accepted: a refused one changes nothing.
  await retireOverAbsences(rt.dynamo, rt.config.table, await listLiveAbsences(rt.dynamo, rt.config.table), today);
  if ((await putAbsence(rt.dynamo, rt.config.table, absence)) && absence.from <= today)
    await mailWaitingTasks(rt, absence);
  return absence;
}

/**
 * The recorder's own authenticator code, as a signature's is checked: recording or ending an absence
 * moves who signs for whom, which a session left open on another desk must not be enough for.
 */
export async function confirmRecorder(
  checkFactor: FactorChecker,
  actor: string,
  code: string | undefined,
  purpose: FactorPurpose,
): Promise<void> {
  const check = await checkFactor(actor, code);
  if (!check.ok) throw refuseFactor(check, purpose);
}

/** The deputy learns of the standing-in and of what already waits, with the links (a failed send is only logged: the tasks are on their list). */
async function mailWaitingTasks(rt: Runtime, absence: Absence): Promise<void> {
  const official = rt.staff.byId(absence.officialId);
  const deputy = rt.staff.byId(absence.deputyId);
  if (!official || !deputy) return;
  const links = await listTasks(rt.dynamo, rt.config.table, official.id);
  const waiting = await Promise.all(
    links.map(async (link) => ({
      fileNumber: (await getCase(rt.dynamo, rt.config.table, link.caseId))?.fileNumber ?? link.caseId,
      step: link.step,
      url: `${rt.config.publicUrl}/a/${link.linkId}`,
    })),
  );
  const mail = absenceMail({
    to: deputy,
    absent: official,
    as: absence.as,
    from: absence.from,
    until: absence.to,
    waiting,
    tasksUrl: `${rt.config.publicUrl}/tugas`,
  });
  await mailer(rt)
    .send({ ...mail, dedupeKey: `absence-${absence.absenceId}` })
    // The deputy's address stays out of the log: the absence names them.
    .catch((error: unknown) =>
      logger.error("absence: the deputy's mail failed", { absenceId: absence.absenceId, error: error as Error }),
    );
}
