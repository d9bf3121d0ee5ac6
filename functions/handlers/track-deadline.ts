import { officeClock } from '#clock/add-working-days.ts';
import { scheduledDay } from '#clock/scheduled-day.ts';
import { stepDueAt } from '#clock/step-deadline.ts';
import { officeSettings } from '#config/office-settings.ts';
import { sendCaseMail } from '#cases/send-case-mail.ts';
import { getCase } from '#records/case-records.ts';
import { findOpenLink } from '#records/links.ts';
import { TrackDeadlineEvent, parseEvent } from './events.ts';
import { mailer } from '#runtime/mailer.ts';
import { runtime } from '#runtime/runtime.ts';

/**
 * When the step waiting is due, in working time (service hours, holidays). On `overdue` it sends
 * the reminder (first round) to the official with the link already sent, and gives the next wait;
 * the escalation to the supervisor, with a link of their own, is request-action's (round 2 on).
 */
export async function handler(event: unknown) {
  const input = parseEvent(TrackDeadlineEvent, event, 'track-deadline');
  const rt = runtime();
  const sop = rt.sop(input.sop);
  const step = sop.steps.find((s) => s.no === input.step);
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
  if (input.phase === 'overdue' && round === 1 && record) {
    const holder = rt.staff.forLane(input.lane)[0];
    const link =
      holder && (await findOpenLink(rt.dynamo, rt.config.table, input.caseId, input.step, input.purpose, holder.id));
    if (holder && link) {
      const url = `${rt.config.publicUrl}/a/${link.linkId}`;
      await sendCaseMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, input.caseId, {
        to: holder.email,
        subject: `[${sop.id}] Pengingat berkas ${record.fileNumber}: langkah ${input.step} sudah jatuh tempo`,
        text: `Yth. ${holder.name},\n\nLangkah ${input.step} berkas ${record.fileNumber} (${record.applicant.name}) sudah jatuh tempo dan menunggu keputusan Anda. Tautan yang sudah dikirim tetap berlaku:\n${url}\n\nBila belum diputuskan sampai ${dueAt.toISOString().slice(0, 10)}, berkas ini dieskalasi kepada atasan Anda.`,
        links: [{ label: 'Periksa dan putuskan', url }],
        dedupeKey: `remind-${link.linkId}-${round}`,
      });
    }
  }
  const askedSince = input.phase === 'start' ? now.toISOString() : (input.due?.askedSince ?? now.toISOString());
  return { seconds, dueAt: dueAt.toISOString(), round, askedSince };
}
