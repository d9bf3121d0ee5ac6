import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ParafConfig } from '#config/read-config.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { listDecisionMarkers } from '#records/decision-markers.ts';
import { decisionMarkerKey } from '#records/keys.ts';
import { decideLink, listUndeliveredLinks } from '#records/links.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { allDayCalendar } from '../support/all-day-calendar.ts';

const work = tempDataDir('paraf-interrupted-');
const { start, stop, closeAll } = localRuntimes();
afterAll(async () => {
  await closeAll();
  removeDir(work);
});

/** The link id of an approval URL. */
const linkIdOf = (url: string) => new URL(url).pathname.split('/').pop()!;

/** The decision as decide() records it, written without anything after it: what a kill right after the commit point leaves. */
async function decideOnlyTheLink(paraf: LocalParaf, url: string) {
  const decision = { id: randomUUID(), route: 'approve', note: '', by: 'pemrosesan', at: new Date().toISOString() };
  expect(await decideLink(paraf.runtime.dynamo, paraf.runtime.config.table, linkIdOf(url), decision)).toMatchObject({
    status: 'decided',
  });
  return decision;
}

/** A runtime on `dataDir` with an API-U file received at the counter, and the link that asks its step 6. */
async function apiUFileAtStep6(dataDir: string, timeScale?: number, config?: Partial<ParafConfig>) {
  const paraf = await start(dataDir, timeScale, config);
  const clerk = new Clerk(paraf.url, await staffAccounts(paraf));
  const { id, fileNumber } = (await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')))).body as {
    id: string;
    fileNumber: string;
  };
  const step6 = (await clerk.nextLink(fileNumber))!;
  return { paraf, clerk, id, fileNumber, step6 };
}

async function trail(clerk: Clerk, id: string) {
  return (await clerk.json(`/api/cases/${id}`)).body as {
    status: string;
    current: { step: number } | null;
    history: { actionId: string; action: string }[];
  };
}

describe('a decision cut off after its link recorded it', () => {
  it('is delivered when the restarted runtime resumes the step, and enters the trail once', async () => {
    const dataDir = join(work, 'restart');
    const received = await apiUFileAtStep6(dataDir);
    let { paraf, clerk } = received;
    const { id, fileNumber, step6 } = received;
    expect(step6.step).toBe(6);
    const decision = await decideOnlyTheLink(paraf, step6.url);
    // The process stops with the step's wait recorded and the decision never sent (as a kill would leave it).
    await stop(paraf);

    paraf = await start(dataDir);
    expect(paraf.resumed).toBe(1);
    clerk = new Clerk(paraf.url, await staffAccounts(paraf));
    // This clerk reads the outbox from its start: the e-mail of step 6 first, then the one of step 7.
    expect((await clerk.nextLink(fileNumber))!.url).toBe(step6.url);
    const step7 = (await clerk.nextLink(fileNumber))!;
    expect(step7.step).toBe(7);
    const after = await trail(clerk, id);
    expect(after.history.filter((event) => event.actionId === decision.id)).toEqual([
      expect.objectContaining({ action: 'Langkah 6: Setuju' }),
    ]);
    // The link stays decided, and no second e-mail went out for step 6.
    expect((await clerk.decide(step6.url.replace(/^http:\/\/[^/]+/, paraf.url), { decision: 'approve' })).status).toBe(
      409,
    );
    expect((await clerk.outbox()).filter((m) => m.subject.includes(`Berkas ${fileNumber}: langkah 6`))).toHaveLength(1);
  }, 240_000);

  it('is delivered by the next round of the same step when its due time fires first, and never to a later asking of the step', async () => {
    // An office open all day and waits fast-forwarded, so step 6 (10-30 minutes) falls due within a second.
    const { paraf, clerk, id, fileNumber, step6 } = await apiUFileAtStep6(join(work, 'reminder'), 0.00005, {
      calendarFile: allDayCalendar(work),
    });
    const decision = await decideOnlyTheLink(paraf, step6.url);
    const step7 = (await clerk.nextLink(fileNumber, 30_000))!;
    expect(step7.step).toBe(7);
    expect((await trail(clerk, id)).history.filter((event) => event.actionId === decision.id)).toHaveLength(1);

    // Step 7 sends the file back to step 6: the new asking mails a new link and waits for a new decision.
    expect((await clerk.decide(step7.url, { decision: 'approve' })).status).toBe(200);
    const step8 = (await clerk.nextLink(fileNumber, 30_000))!;
    expect(step8.step).toBe(8);
    expect(
      (await clerk.decide(step8.url, { decision: 'return', returnTo: '7', note: 'Data perlu diperbaiki' })).status,
    ).toBe(200);
    const again7 = (await clerk.nextLink(fileNumber, 30_000))!;
    expect(again7.step).toBe(7);
    expect(again7.url).not.toBe(step7.url);
    // Reminders of the new asking pass without the old decision being taken for it: waited for as
    // they happen, not for a guessed while. The reminder carries the new link; the escalation after
    // the new link's e-mail is mailed by the asking of the second round, after it looked for a
    // decision to deliver.
    for (const until = Date.now() + 120_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const mail = await clerk.outbox();
      const asked = mail.findIndex((m) => m.links[0]?.url === again7.url);
      const reminded = mail.some(
        (m) => m.subject.includes(`Pengingat berkas ${fileNumber}: langkah 7`) && m.links[0]?.url === again7.url,
      );
      const escalated = mail
        .slice(asked + 1)
        .some((m) => m.subject.includes(`Eskalasi berkas ${fileNumber}: langkah 7`));
      // (Not "until the step changes": the new asking mails its link before it records step 7 as current.)
      if (reminded && escalated) break;
      if (Date.now() > until)
        expect.fail(
          `no reminder and escalation of the new asking of step 7: ${JSON.stringify(await trail(clerk, id))}`,
        );
    }
    const waiting = await trail(clerk, id);
    expect(waiting.current?.step).toBe(7);
    expect(waiting.history.filter((event) => event.action.startsWith('Langkah 7'))).toHaveLength(1);
  }, 360_000);

  it('is delivered when the link is posted again, without a restart (a web function that died between its two writes)', async () => {
    const { paraf, clerk, id, fileNumber, step6 } = await apiUFileAtStep6(join(work, 'again'));
    const execution = () =>
      paraf.engine.runningRecords().find((record) => (record.input as { caseId?: string }).caseId === id);
    // The step's wait for its task token (its link may be mailed a moment before the wait is entered).
    let asked = execution()?.current;
    for (const until = Date.now() + 60_000; !asked?.token && Date.now() < until; asked = execution()?.current)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked?.token).toBeTruthy();
    const decision = await decideOnlyTheLink(paraf, step6.url);
    // Not delivered: the execution still waits on the same entry for the same task token (nothing sent
    // it, so nothing can move it), the case at step 6, its trail without the decision, no step 7 asked.
    expect(execution()?.current).toEqual(asked);
    const stranded = await trail(clerk, id);
    expect(stranded.current?.step).toBe(6);
    expect(stranded.history.filter((event) => event.actionId === decision.id)).toHaveLength(0);
    expect(await clerk.nextLink(fileNumber, 0)).toBeUndefined();
    // The official, told of an error, tries again: the step was decided, and now its decision goes on.
    expect((await clerk.decide(step6.url, { decision: 'approve' })).status).toBe(409);
    expect((await clerk.nextLink(fileNumber))?.step).toBe(7);
    expect((await trail(clerk, id)).history.filter((event) => event.actionId === decision.id)).toHaveLength(1);
    // Once delivered, another try changes nothing: the whole stored state, once the step 7 ask settled.
    const again = await expectNothingChanged(paraf, 'another try after delivery', () =>
      clerk.decide(step6.url, { decision: 'approve' }),
    );
    expect(again.status).toBe(409);
    expect((await trail(clerk, id)).history.filter((event) => event.action.startsWith('Langkah 6'))).toHaveLength(1);
  }, 240_000);

  it('is delivered by the scheduled sweep when nobody posts again (the AWS handler, run in the local runtime)', async () => {
    const { paraf, clerk, id, fileNumber, step6 } = await apiUFileAtStep6(join(work, 'sweep'));
    // What decide() writes before a web function dies: the link's decision, on the sweep's list; taken three minutes ago.
    const at = new Date(Date.now() - 180_000).toISOString();
    const { table } = paraf.runtime.config;
    const decision = { id: randomUUID(), route: 'approve', note: '', by: 'pemrosesan', at };
    expect(await decideLink(paraf.runtime.dynamo, table, linkIdOf(step6.url), decision, { at })).toMatchObject({
      status: 'decided',
    });
    expect((await listUndeliveredLinks(paraf.runtime.dynamo, table, new Date())).map((l) => l.linkId)).toEqual([
      linkIdOf(step6.url),
    ]);
    // A marker as Paraf before 2026-12-06 wrote it, of a decision that never reached its link, is only cleared.
    await paraf.runtime.dynamo.send(
      new PutCommand({
        TableName: table,
        Item: { ...decisionMarkerKey(at, 'AAAAAAAAAAAAAAAAAAAAAA'), linkId: 'AAAAAAAAAAAAAAAAAAAAAA', at },
      }),
    );
    const { handler } = await import('#handlers/deliver-decisions.ts');
    // The sweep also digests the dashboard's ledger: the wait this decision entered is in a part it digests.
    expect(await handler()).toEqual({
      delivered: 1,
      cleared: 1,
      waiting: 0,
      mail: { sent: 0, waiting: 0, abandoned: 0 },
      digests: { digested: expect.any(Number), left: 0, failed: 0 },
    });
    expect((await clerk.nextLink(fileNumber))?.step).toBe(7);
    expect((await trail(clerk, id)).history.filter((event) => event.actionId === decision.id)).toHaveLength(1);
    expect(await listDecisionMarkers(paraf.runtime.dynamo, table, new Date())).toEqual([]);
    expect(await listUndeliveredLinks(paraf.runtime.dynamo, table, new Date())).toEqual([]);
    expect(await handler()).toEqual({
      delivered: 0,
      cleared: 0,
      waiting: 0,
      mail: { sent: 0, waiting: 0, abandoned: 0 },
      digests: { digested: 0, left: 0, failed: 0 },
    });
  }, 240_000);
});
