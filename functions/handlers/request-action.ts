import { sendCaseMail } from '#cases/send-case-mail.ts';
import { decisionContext, deliverTakenDecision } from '#cases/settle-decision.ts';
import { getCase, updateCase } from '#records/case-records.ts';
import { markLinkNotified, openLink } from '#records/links.ts';
import { RequestActionEvent, parseEvent } from './events.ts';
import { mailer } from '#runtime/mailer.ts';
import { runtime } from '#runtime/runtime.ts';
import { workflow } from '#runtime/workflow-client.ts';
import type { Official } from '#staff/load-staff-directory.ts';

const LINK_DAYS = 30;

/**
 * Asks the official of a lane to act on a step: keeps the task token behind a short link id and
 * e-mails the link (GET shows a page, only the page's POST acts). The applicant's correction goes
 * to the front office. When the step is asked again after a reminder, the link already sent now
 * answers the new token, and no second e-mail goes out; from the second overdue round on, the lane's
 * supervisor gets a link of their own (escalation), and the first stays valid until one decides.
 * A step whose decision was taken but not yet delivered (a restart, or a reminder racing the
 * click) gets that decision now instead of another e-mail.
 */
export async function handler(event: unknown) {
  const input = parseEvent(RequestActionEvent, event, 'request-action');
  const rt = runtime();
  const sop = rt.sop(input.sop);
  if (
    await deliverTakenDecision(decisionContext(rt, workflow(rt)), {
      caseId: input.caseId,
      step: input.step,
      purpose: input.purpose,
      token: input.taskToken,
      askedSince: input.due?.askedSince,
    })
  )
    return { delivered: true };
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (!record) throw new Error(`request-action: no case ${input.caseId}`);
  const lane = sop.lanes.find((l) => l.id === input.lane);
  // External lanes (the applicant, the agency's technical team) are handled by the front office on their behalf.
  const official =
    rt.staff.forLane(input.lane)[0] ??
    rt.staff.forLane(sop.steps.find((s) => s.kind === 'registration')?.lane ?? '')[0] ??
    rt.staff.officials[0]!;
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000).toISOString();
  const step = sop.steps.find((s) => s.no === input.step);
  const what =
    input.purpose === 'applicant-correction'
      ? 'Berkas dikembalikan kepada pemohon untuk diperbaiki; catat penerimaan berkas perbaikan'
      : (step?.title ?? `Langkah ${input.step}`);
  const note = input.previousDecision?.note ? `\nCatatan sebelumnya: ${input.previousDecision.note}` : '';

  /** Opens (or re-points) an official's link to this token, and mails it once. */
  const ask = async (to: Official, escalated: boolean) => {
    const { link } = await openLink(rt.dynamo, rt.config.table, {
      caseId: input.caseId,
      sop: sop.id,
      step: input.step,
      lane: input.lane,
      purpose: input.purpose,
      officialId: to.id,
      token: input.taskToken,
      expiresAt,
    });
    // Mailed at least once: an ask cut off between the link and the e-mail mails it on its retry.
    if (!link.notifiedAt) {
      const url = `${rt.config.publicUrl}/a/${link.linkId}`;
      const sent = await sendCaseMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, input.caseId, {
        to: to.email,
        subject: escalated
          ? `[${sop.id}] Eskalasi berkas ${record.fileNumber}: langkah ${input.step} melewati batas waktu`
          : `[${sop.id}] Berkas ${record.fileNumber}: langkah ${input.step} menunggu Anda`,
        text: escalated
          ? `Yth. ${to.name},\n\nLangkah ${input.step} berkas ${record.fileNumber} (${record.applicant.name}) belum diputuskan oleh ${official.name} (${lane?.label ?? input.lane}) dan sudah melewati batas waktu:\n${what}\n\nSebagai atasan, Anda dapat memeriksa dan memutuskannya melalui tautan berikut; tautan ${official.name} tetap berlaku sampai langkah ini diputuskan:\n${url}`
          : `Yth. ${to.name},\n\nBerkas ${record.fileNumber} (${record.applicant.name}) menunggu tindakan Anda sebagai ${lane?.label ?? input.lane}:\n${what}${note}\n\nBuka tautan berikut untuk memeriksa dan memutuskan (berlaku sampai ${expiresAt.slice(0, 10)}):\n${url}`,
        links: [{ label: escalated ? 'Periksa dan putuskan (eskalasi)' : 'Periksa dan putuskan', url }],
        dedupeKey: `link-${link.linkId}`,
      });
      // Not sent: the link is in the official's task list meanwhile, and the next ask of the step mails it again.
      if (sent) await markLinkNotified(rt.dynamo, rt.config.table, link.linkId, new Date().toISOString());
    }
    return link;
  };

  const link = await ask(official, false);
  // Overdue past the reminder (round 2 on): the lane's supervisor gets a link of their own to the same step.
  const supervisor =
    (input.due?.round ?? 0) >= 2 && lane?.supervisor ? rt.staff.forLane(lane.supervisor)[0] : undefined;
  if (supervisor && supervisor.id !== official.id) await ask(supervisor, true);
  await updateCase(rt.dynamo, rt.config.table, input.caseId, {
    current: {
      step: input.step,
      lane: input.lane,
      purpose: input.purpose,
      officialId: official.id,
      dueAt: input.due?.dueAt ?? expiresAt,
    },
  });
  return { linkId: link.linkId, officialId: official.id };
}
