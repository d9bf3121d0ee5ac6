import { officeClock } from '#clock/add-working-days.ts';
import { witaDateTime, witaMoment } from '#clock/wita.ts';
import { scheduledDay } from '#clock/scheduled-day.ts';
import { stepDueAt } from '#clock/step-deadline.ts';
import { officeSettings } from '#config/office-settings.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import {
  applicantCorrectionReminderMail,
  applicantReminderMail,
  correctionReminderMail,
  reminderMail,
} from '#mail/mail-templates.ts';
import { getCase, type CaseRecord } from '#records/case-records.ts';
import { findOpenLink } from '#records/links.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { applicantsOwnStep } from '#sop/applicant-step.ts';
import type { AskPurpose, Due, StepInput } from '#workflow/machine-input.ts';
import { correctedIn, correctionNeeds } from './applicant-needs.ts';
import { escalationTarget } from './escalation-target.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { sendCaseMail } from './send-case-mail.ts';

export interface DeadlineRequest extends StepInput {
  phase: 'start' | 'overdue';
  purpose: AskPurpose;
  due: Due | null;
}

/**
 * When the step waiting is due, in working time (service hours, holidays, the inspection's date):
 *  1. its due time from its time standard, counted from now (`start`) or as the next round (`overdue`);
 *  2. the first time it is overdue, its official is reminded with the link already sent (the
 *     escalation to the supervisor, from the next round on, is request-action's); the applicant's
 *     own step reminds the applicant instead, and a wait for their correction both the front office
 *     (that the applicant has not brought it) and the applicant;
 *  3. the next wait in seconds, the round, and when this asking of the step began.
 */
export async function trackDeadline(rt: Runtime, input: DeadlineRequest): Promise<Required<Due>> {
  const step = rt.sopOf(input).steps.find((s) => s.no === input.step);
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  const now = new Date();
  const dueAt = stepDueAt(officeClock(), step, input.purpose, new Date(record?.createdAt ?? now), now, {
    overdue: input.phase === 'overdue',
    scheduledOn: scheduledDay(step, record?.form.documents),
    correctionWorkingDays: officeSettings().applicantCorrectionWorkingDays,
  });
  const seconds = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  const round = input.phase === 'start' ? 0 : (input.due?.round ?? 0) + 1;
  // The first time a step is overdue its official is reminded; from the next round request-action escalates with a link.
  if (input.phase === 'overdue' && round === 1 && record) await remind(rt, input, record, dueAt, round);
  const askedSince = input.phase === 'start' ? now.toISOString() : (input.due?.askedSince ?? now.toISOString());
  return { seconds, dueAt: dueAt.toISOString(), round, askedSince };
}

/**
 * The reminder of a step first overdue: to its official, with the link they were sent (none if they have
 * no open link); on the applicant's own step, to the applicant; on a correction, to both.
 */
async function remind(rt: Runtime, input: DeadlineRequest, record: CaseRecord, dueAt: Date, round: number) {
  const sop = rt.sopOf(input);
  const own = applicantsOwnStep(sop, input);
  if (own) return remindApplicant(rt, input, record, own.collectsSurvey === true);
  const holder = rt.staff.forLane(input.lane)[0];
  const link =
    holder && (await findOpenLink(rt.dynamo, rt.config.table, input.caseId, input.step, input.purpose, holder.id));
  if (!holder || !link) return;
  const correction = input.purpose === 'applicant-correction';
  const mail = (correction ? correctionReminderMail : reminderMail)({
    to: holder,
    case: { sop: input.sop, fileNumber: record.fileNumber, applicantName: record.applicant.name },
    step: input.step,
    escalatesAt: escalationTarget(rt, sop, input.lane, holder.id) ? witaMoment(dueAt) : undefined,
    url: `${rt.config.publicUrl}/a/${link.linkId}`,
  });
  if (correction && link.status === 'waiting') await remindOfCorrection(rt, input, record, link.linkId);
  await sendCaseMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, input.caseId, {
    ...mail,
    dedupeKey: `remind-${link.linkId}-${round}`,
  });
}

/** The file is with the applicant for correction: they are reminded too, in their words (once per link). */
function remindOfCorrection(rt: Runtime, input: DeadlineRequest, record: CaseRecord, linkId: string) {
  return notifyApplicant(rt, record, `pengingat-${linkId}`, (line) =>
    applicantCorrectionReminderMail({
      ...line,
      returnedOn: input.due?.askedSince ? formatTanggal(witaDateTime(new Date(input.due.askedSince)).date) : undefined,
      reason: record.current?.returnReason,
      bring: correctionNeeds(record),
      correctedIn: correctedIn(rt.sopOf(record), input),
      clockPaused: Boolean(record.clockPausedAt),
    }),
  );
}

/**
 * The applicant's own step overdue: the applicant is reminded, once per link, in their words, with the
 * date that passed (the step's first due time); none once the step no longer waits (confirmed meanwhile).
 * Its link is the front office's, who stands in only at the counter: they are not reminded.
 */
async function remindApplicant(rt: Runtime, input: DeadlineRequest, record: CaseRecord, survey: boolean) {
  const holder = record.current?.step === input.step ? record.current.officialId : undefined;
  const link = holder
    ? await findOpenLink(rt.dynamo, rt.config.table, input.caseId, input.step, input.purpose, holder)
    : undefined;
  if (link?.status !== 'waiting') return;
  const dueOn = input.due ? formatTanggal(witaDateTime(new Date(input.due.dueAt)).date) : undefined;
  await notifyApplicant(rt, record, `pengingat-${link.linkId}`, (line) =>
    applicantReminderMail({ ...line, survey, dueOn }),
  );
}
