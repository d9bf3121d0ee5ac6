import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { OutboxMail } from '#mail/outbox-mail.ts';
import { getCase } from '#records/case-records.ts';
import { type Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { allDayCalendar } from '../support/all-day-calendar.ts';
import { parafForFile } from '../support/start-paraf.ts';

const work = tempDataDir('paraf-escalation-');
afterAll(() => removeDir(work));
// An injected clock: an office open all day every day, and waits fast-forwarded 50,000 times, so a
// 30-minute step is overdue within a second and the next working day comes within a few seconds.
const at = parafForFile({
  prefix: 'paraf-escalation-',
  dataDir: join(work, 'data'),
  timeScale: 0.00002,
  config: { calendarFile: allDayCalendar(work) },
});
let paraf: LocalParaf;
let clerk: Clerk;
beforeAll(() => {
  ({ paraf, clerk } = at);
});

/** The first e-mail `match` finds, polled as the scaled waits run; the ceiling is far above what the rounds take. */
async function mail(match: (m: { to: string; subject: string }) => boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await clerk.outbox()).find(match);
    if (found || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a step left undecided', () => {
  it('reminds its official when due, escalates to the supervisor with a fresh link when overdue, and takes the first decision only', async () => {
    const submitted = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')));
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    const ask = (await clerk.nextLink(fileNumber))!;
    expect(ask.step).toBe(6); // Petugas Pemrosesan, "10 - 30 menit"

    const reminder = await mail((m) => m.subject.includes(`Pengingat berkas ${fileNumber}: langkah 6`));
    expect(reminder, 'no reminder').toBeDefined();
    expect(reminder).toMatchObject({ to: 'pemrosesan@dpmptsp.test', links: [{ url: ask.url }] });
    // When it escalates, in the office's words and time (WITA), never an ISO date.
    const sent = new OutboxMail(at.dataDir, 'uji').list().find((m) => m.id === reminder!.id)!;
    expect(sent.text).toMatch(
      /sampai \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d{2}\.\d{2} WITA, berkas ini dieskalasi/,
    );
    const escalation = await mail((m) => m.subject.includes(`Eskalasi berkas ${fileNumber}: langkah 6`));
    expect(escalation, 'no escalation').toBeDefined();
    expect(escalation!.to).toBe('kasi.layanan@dpmptsp.test'); // the lane's supervisor in the catalog
    const fresh = (escalation as unknown as { links: { url: string }[] }).links[0]!.url;
    expect(fresh).not.toBe(ask.url);

    // Still late under the escalation's new due time: the case keeps when it went past the first, and
    // the Dasbor says "terlambat" (it said nothing once the round had set a later due time).
    const late = (await getCase(paraf.runtime.dynamo, paraf.runtime.config.table, id))!.current!;
    expect(late).toMatchObject({ step: 6, overdueSince: expect.any(String) });
    expect(Date.parse(late.dueAt)).toBeGreaterThan(Date.parse(late.overdueSince!));
    const dashboard = (await (await clerk.fetch('/dasbor?sop=SOP-LP2N-PPK-01', {}, 'tata-usaha')).text()).replace(
      /<[^>]+>/g,
      '',
    );
    expect(dashboard).toMatch(new RegExp(`${fileNumber.replace(/[/]/g, '\\/')}: langkah 6 [^\n]*terlambat`));

    // The original link is still valid until someone decides; both officials have the step in their tasks.
    expect((await clerk.fetch(ask.url)).status).toBe(200);
    for (const official of ['pemrosesan', 'kasi-layanan'])
      expect(await (await clerk.fetch('/tugas', {}, official)).text()).toContain('SOP-LP2N-PPK-01 langkah 6');
    expect(
      (await clerk.decide(fresh, { decision: 'approve', note: 'Diputuskan atasan karena melewati batas waktu' }))
        .status,
    ).toBe(200);
    expect((await clerk.decide(ask.url, { decision: 'approve' })).body).toMatchObject({ error: 'decided' });
    expect(await (await clerk.fetch(ask.url)).text()).toContain('(pejabat lain yang juga diminta)');
    expect(await (await clerk.fetch('/tugas', {}, 'pemrosesan')).text()).not.toContain('SOP-LP2N-PPK-01 langkah 6');

    // The case moves on, with the supervisor's decision in its trail.
    const next = (await clerk.nextLink(fileNumber))!;
    expect(next.step).toBe(7);
    const history = (await clerk.json(`/api/cases/${id}`)).body.history as {
      step: number;
      actor: { name: string } | null;
      notes: string;
    }[];
    expect(history.find((e) => e.step === 6 && e.notes.startsWith('Diputuskan atasan'))?.actor?.name).toBe(
      'Ir. Ahmad Fauzi',
    );
  }, 300_000);

  it('takes one decision when the official and the supervisor decide at the same moment: one is refused, the trail has one', async () => {
    const submitted = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Dua Keputusan'));
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    const ask = (await clerk.nextLink(fileNumber))!;
    const escalation = await mail((m) => m.subject.includes(`Eskalasi berkas ${fileNumber}: langkah 6`));
    const fresh = (escalation as unknown as { links: { url: string }[] }).links[0]!.url;
    const answers = await Promise.all([
      clerk.decide(ask.url, { decision: 'approve' }),
      clerk.decide(fresh, { decision: 'approve', note: 'Diputuskan atasan' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await clerk.nextLink(fileNumber))?.step).toBe(7);
    const history = (await clerk.json(`/api/cases/${id}`)).body.history as { step: number; action: string }[];
    expect(history.filter((e) => e.step === 6 && e.action.startsWith('Langkah 6'))).toHaveLength(1);
  }, 300_000);

  it('reminds the Kepala of his step without promising an escalation: his lane has no supervisor', async () => {
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const kepalaStep = sop.steps.find((step) => step.lane === 'kepala-dinas')!;
    const submitted = await clerk.submit(completeApplication(sop, 'PT Kepala Diingatkan'));
    const { fileNumber } = submitted.body as { fileNumber: string };
    let ask = (await clerk.nextLink(fileNumber))!;
    for (; ask.step !== kepalaStep.no; ask = (await clerk.nextLink(fileNumber))!)
      expect((await clerk.decide(ask.url, { decision: 'approve' })).status, ask.subject).toBe(200);
    const reminder = await mail((m) => m.subject.includes(`Pengingat berkas ${fileNumber}: langkah ${kepalaStep.no}`));
    expect(reminder, 'no reminder').toBeDefined();
    expect(reminder).toMatchObject({ to: 'kepala@dpmptsp.test', links: [{ url: ask.url }] });
    const sent = new OutboxMail(at.dataDir, 'uji').list().find((m) => m.id === reminder!.id)!;
    expect(sent.text).toContain('menunggu keputusan Anda');
    expect(sent.text).not.toMatch(/atasan|eskalasi|dieskalasi/i);
    expect((await clerk.decide(ask.url, { decision: 'approve' })).status).toBe(200);
  }, 300_000);
});
