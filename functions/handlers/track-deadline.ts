import { officeClock } from '#clock/add-working-days.ts';
import { stepDueAt } from '#clock/step-deadline.ts';
import { getCase } from '#records/case-records.ts';
import { TrackDeadlineEvent, parseEvent } from './events.ts';
import { runtime } from './runtime.ts';

/**
 * When the step waiting is due, in working time (service hours, holidays). On `overdue` it sends
 * the reminder (first round) to the official, then escalates to the supervisor of the lane, and
 * gives the next wait.
 */
export async function handler(event: unknown) {
  const input = parseEvent(TrackDeadlineEvent, event, 'track-deadline');
  const rt = runtime();
  const sop = rt.sop(input.sop);
  const step = sop.steps.find((s) => s.no === input.step);
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  const now = new Date();
  const dueAt = stepDueAt(officeClock(), step, input.purpose, new Date(record?.createdAt ?? now), now, input.phase === 'overdue');
  const seconds = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  const round = input.phase === 'start' ? 0 : (input.due?.round ?? 0) + 1;
  if (input.phase === 'overdue') {
    const lane = sop.lanes.find((l) => l.id === input.lane);
    const holder = rt.staff.forLane(input.lane)[0];
    const supervisor = round > 1 && lane?.supervisor ? rt.staff.forLane(lane.supervisor)[0] : undefined;
    const to = supervisor ?? holder;
    if (to && record) {
      await rt.mail.send({
        to: to.email,
        subject: supervisor ? `Eskalasi: berkas ${record.fileNumber} langkah ${input.step} melewati waktu` : `Pengingat: berkas ${record.fileNumber} langkah ${input.step} sudah jatuh tempo`,
        text: `${supervisor ? `Langkah ${input.step} (${lane?.label}) berkas ${record.fileNumber} belum diputuskan oleh ${holder?.name ?? '-'}.` : `Langkah ${input.step} berkas ${record.fileNumber} menunggu keputusan Anda.`}\n\nTautan persetujuan yang sudah dikirim tetap berlaku.`,
        links: [],
      });
    }
  }
  return { seconds, dueAt: dueAt.toISOString(), round };
}
