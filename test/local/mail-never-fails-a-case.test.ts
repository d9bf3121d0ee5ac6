import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCase } from '#cases/close-case.ts';
import { requestAction } from '#cases/request-action.ts';
import { retryQueuedMail } from '#cases/retry-queued-mail.ts';
import { sendCaseMail } from '#cases/send-case-mail.ts';
import { trackDeadline } from '#cases/track-deadline.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { createCase, getCase, listEvents, recordEvent } from '#records/case-records.ts';
import { getLink } from '#records/links.ts';
import { listQueuedMail } from '#records/mail-retries.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { useWorkflow } from '#runtime/workflow-client.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { startPlainSmtp } from '../support/plain-smtp.ts';

/**
 * Issue 17, "mail never fails a case": request-action, track-deadline and close-case, run on the local
 * runtime (its DynamoDB and archive) with the office's mail server refusing, for now (451) or for good
 * (550), complete their task; the mail is queued or recorded on the case's trail, and a closed case
 * stays closed whatever the mail sweep meets later. Real SMTP on loopback (smtp-server).
 */
const dataDir = tempDataDir('paraf-mail-fails-');
const runtimes = localRuntimes();
let paraf: LocalParaf;
let server: Awaited<ReturnType<typeof startPlainSmtp>>;
/** What the server says to every recipient: 451 (not now), 550 (no such mailbox) or yes. */
let answer: 'defer' | 'refuse' | 'take' = 'defer';
const received: string[][] = [];
/** The local runtime's own, but mailing through the refusing SMTP server. */
let rt: Runtime;

beforeAll(async () => {
  server = await startPlainSmtp(
    () => {
      if (answer === 'defer') return [451, '4.3.2 Try again later'];
      if (answer === 'refuse') return [550, '5.1.1 Mailbox unavailable'];
      return undefined;
    },
    // Nothing of the message is checked: only who it went to.
    (recipients) => received.push(recipients),
  );
  paraf = await runtimes.start(join(dataDir, 'data'));
  const { port } = server;
  rt = {
    ...paraf.runtime,
    config: { ...paraf.runtime.config, mail: 'smtp', smtp: { host: '127.0.0.1', port, security: 'none' } },
  };
  // No decision is ever taken in this test: a workflow answer would be a fault of the test.
  useWorkflow(rt, {
    startCase: async () => Promise.reject(new Error('not in this test')),
    sendTaskSuccess: async () => Promise.reject(new Error('not in this test')),
    moveCase: async () => Promise.reject(new Error('not in this test')),
  });
}, 120_000);
afterAll(async () => {
  (mailer(rt) as { close?: () => void }).close?.();
  await runtimes.closeAll();
  await server.close();
  removeDir(dataDir);
});

const CASE = 'case-mail-00001';
const step = { caseId: CASE, sop: 'SOP-DALAK-067-013', step: 1, lane: 'fungsional', purpose: 'step' as const };
/** A running case of the test's SOP, as the counter files it. */
const fileCase = (
  caseId: string,
  fileNumber: string,
  receiptCode: string,
  applicant: { name: string; email?: string },
) =>
  createCase(rt.dynamo, rt.config.table, {
    caseId,
    sop: step.sop,
    fileNumber,
    applicant,
    status: 'berjalan',
    createdAt: new Date().toISOString(),
    receiptCode,
    deadline: '2026-12-30',
    form: {},
    requirements: [],
  });
const trail = async () => await listEvents(rt.dynamo, rt.config.table, CASE);
const queued = async () => (await listQueuedMail(rt.dynamo, rt.config.table)).filter((q) => q.caseId === CASE);

describe('a case whose e-mail the mail server refuses', () => {
  it('is asked, reminded and closed all the same; the mail queued when refused for now, recorded when for good', async () => {
    await fileCase(CASE, 'DALAK/2026/00013', 'K7QF-29XM', {
      name: 'PT Mahakam Niaga Sentosa',
      email: 'pemohon@mahakam.test',
    });

    // request-action, the server deferring: the link opened, the e-mail queued, the task done.
    answer = 'defer';
    const asked = await requestAction(rt, { ...step, taskToken: 'token-mail-1', due: null, previousDecision: null });
    expect(asked).toMatchObject({ linkId: expect.any(String), officialId: expect.any(String) });
    const { linkId } = asked as { linkId: string };
    const link = await getLink(rt.dynamo, rt.config.table, linkId);
    expect(link).toMatchObject({ status: 'waiting', token: 'token-mail-1' });
    expect(link?.notifiedAt).toBeUndefined(); // not sent: its next asking mails it again
    expect(await queued()).toEqual([
      expect.objectContaining({ id: `link-${linkId}`, attempts: 1, lastError: expect.any(String) }),
    ]);
    expect((await getCase(rt.dynamo, rt.config.table, CASE))?.current).toMatchObject({ step: 1, lane: 'fungsional' });
    // The same task retried (a failure after its mail was queued) with the server taking mail again:
    // the queue owns that e-mail, so nothing is sent now and the sweep sends it once.
    answer = 'take';
    expect(await requestAction(rt, { ...step, taskToken: 'token-mail-1', due: null, previousDecision: null })).toEqual(
      asked,
    );
    expect(received).toEqual([]);
    expect((await queued()).map((q) => q.id)).toEqual([`link-${linkId}`]);

    // track-deadline, overdue, the server refusing the address for good: the reminder recorded, not queued.
    answer = 'refuse';
    const due = await trackDeadline(rt, {
      ...step,
      phase: 'overdue',
      due: { seconds: 1, dueAt: new Date().toISOString(), round: 0, askedSince: new Date().toISOString() },
    });
    expect(due).toMatchObject({ round: 1, seconds: expect.any(Number) });
    expect((await queued()).map((q) => q.id)).toEqual([`link-${linkId}`]);
    const reminderFailed = (await trail()).find((e) => e.actionId === `mail-failed-remind-${linkId}-1`);
    expect(reminderFailed?.notes).toMatch(/menolak alamat atau pesan/);

    // close-case, the server deferring: the case selesai, the applicant's e-mail queued.
    answer = 'defer';
    expect(await closeCase(rt, { caseId: CASE, outcome: 'completed', decision: null })).toEqual({
      status: 'selesai',
    });
    const closing = (await queued()).find((q) => q.message.to === 'pemohon@mahakam.test');
    expect(closing).toMatchObject({ attempts: 1 });
    expect((await trail()).map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'Berkas selesai',
        `E-mail kepada pemohon@mahakam.test gagal terkirim: "${closing!.message.subject}"`,
      ]),
    );

    // The sweep meets a server refusing for good: the mail is given up, the case stays selesai.
    answer = 'refuse';
    const later = new Date(Date.now() + 3_600_000);
    expect(await retryQueuedMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, later)).toEqual({
      sent: 0,
      waiting: 0,
      abandoned: 2,
    });
    expect(await queued()).toEqual([]);
    expect((await getCase(rt.dynamo, rt.config.table, CASE))?.status).toBe('selesai');
    // A second close (a Lambda retry) keeps it selesai and records nothing twice.
    await closeCase(rt, { caseId: CASE, outcome: 'completed', decision: null });
    expect((await getCase(rt.dynamo, rt.config.table, CASE))?.status).toBe('selesai');
    expect((await trail()).filter((e) => e.action === 'Berkas selesai')).toHaveLength(1);
    expect(received).toEqual([]);
  }, 120_000);

  it('sends nothing while the same e-mail waits in the queue, and sends one no longer the same in its place', async () => {
    const records = { dynamo: rt.dynamo, table: rt.config.table };
    const mail = {
      to: 'pemeriksa@dpmptsp.test',
      subject: '[SOP-DALAK-067-013] Uji antrean',
      text: 'Isi uji antrean.',
      links: [],
      dedupeKey: 'uji-antrean-ganti',
    };
    const ownQueued = async () =>
      (await listQueuedMail(rt.dynamo, rt.config.table)).filter((q) => q.id === mail.dedupeKey);
    const start = received.length;
    try {
      answer = 'defer';
      expect(await sendCaseMail(mailer(rt), records, CASE, mail)).toBe(false);
      expect(await ownQueued()).toHaveLength(1);
      // The server takes mail again: the same e-mail is the queue's, and nothing is sent now.
      answer = 'take';
      expect(await sendCaseMail(mailer(rt), records, CASE, mail)).toBe(false);
      expect(received.slice(start)).toEqual([]);
      // The link now goes to a deputy: the queued one is no longer this e-mail; it leaves the queue and this one is sent.
      const deputy = { ...mail, to: 'wakil@dpmptsp.test' };
      expect(await sendCaseMail(mailer(rt), records, CASE, deputy)).toBe(true);
      expect(received.slice(start)).toEqual([['wakil@dpmptsp.test']]);
      expect(await ownQueued()).toEqual([]);
    } finally {
      received.splice(start);
    }
  });

  it("mails a link again to an official's new address (staff.json changed), once, and not to the same one", async () => {
    const caseId = 'case-mail-00003';
    await fileCase(caseId, 'DALAK/2026/00015', 'K7QF-29XP', { name: 'PT Mahakam Niaga Sentosa' });
    answer = 'take';
    const start = received.length;
    const ask = { ...step, caseId, taskToken: 'token-mail-3', due: null, previousDecision: null };
    let after: Runtime | undefined;
    try {
      const asked = (await requestAction(rt, ask)) as { linkId: string; officialId: string };
      const official = rt.staff.byId(asked.officialId)!;
      expect(received.slice(start)).toEqual([[official.email]]);
      // The same ask again (a restart): the same address is not mailed twice.
      expect(await requestAction(rt, ask)).toEqual(asked);
      expect(received.slice(start)).toEqual([[official.email]]);
      // The office gave the official a new address: the link goes to it, once; the link stays the same.
      const moved = { ...official, email: 'alamat.baru@dpmptsp.test' };
      const renamed = (o: typeof official) => (o.id === official.id ? moved : o);
      after = {
        ...rt,
        staff: {
          ...rt.staff,
          byId: (id: string) => (id === official.id ? moved : rt.staff.byId(id)),
          forLane: (lane: string) => rt.staff.forLane(lane).map(renamed),
        },
      } as Runtime;
      expect(await requestAction(after, ask)).toEqual(asked);
      expect(await requestAction(after, ask)).toEqual(asked);
      expect(received.slice(start)).toEqual([[official.email], ['alamat.baru@dpmptsp.test']]);
      expect(await getLink(rt.dynamo, rt.config.table, asked.linkId)).toMatchObject({
        notifiedTo: 'alamat.baru@dpmptsp.test',
      });
    } finally {
      received.splice(start);
      if (after) (mailer(after) as { close?: () => void }).close?.();
    }
  });

  it("writes the applicant's moment when the sweep sends its queued e-mail, so a retried closing sends it no more", async () => {
    const caseId = 'case-mail-00004';
    await fileCase(caseId, 'DALAK/2026/00016', 'K7QF-29XQ', { name: 'PT Tertunda', email: 'pemohon@tertunda.test' });
    const start = received.length;
    try {
      answer = 'defer';
      expect(await closeCase(rt, { caseId, outcome: 'completed', decision: null })).toEqual({ status: 'selesai' });
      answer = 'take';
      const later = new Date(Date.now() + 3_600_000);
      const swept = await retryQueuedMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, later);
      expect(swept.sent).toBeGreaterThanOrEqual(1);
      expect(received.slice(start)).toEqual([['pemohon@tertunda.test']]);
      const told = (await listEvents(rt.dynamo, rt.config.table, caseId)).filter(
        (e) => e.actionId === 'pemohon-selesai',
      );
      expect(told.map((e) => e.action)).toEqual([
        'E-mail kepada pemohon: "Permohonan Anda selesai: berkas DALAK/2026/00016"',
      ]);
      // The closing retried (a Lambda retry after the sweep): nothing more to the applicant.
      await closeCase(rt, { caseId, outcome: 'completed', decision: null });
      expect(received.slice(start)).toEqual([['pemohon@tertunda.test']]);
    } finally {
      received.splice(start);
    }
  });

  it("tells the applicant of a closing whose attempt died after the trail's closing event, once, the server taking mail", async () => {
    const caseId = 'case-mail-00002';
    await fileCase(caseId, 'DALAK/2026/00014', 'K7QF-29XN', {
      name: 'CV Etam Kreasi Event',
      email: 'pemohon@etam.test',
    });
    // What the attempt that died left: the closing event, and no e-mail.
    await recordEvent(rt.dynamo, rt.config.table, caseId, {
      actionId: 'close-rejected',
      at: new Date().toISOString(),
      step: null,
      lane: null,
      actor: null,
      action: 'Berkas ditutup: permohonan ditolak atau ditarik',
      notes: 'Perusahaan menarik permohonannya.',
      documents: [],
    });
    const start = received.length;
    answer = 'take';
    const decision = {
      id: 'decision-close-2',
      route: 'reject',
      note: 'Perusahaan menarik permohonannya.',
      by: 'kabid-dalak',
      at: new Date().toISOString(),
    };
    try {
      for (let attempt = 0; attempt < 2; attempt += 1)
        expect(await closeCase(rt, { caseId, outcome: 'rejected', decision })).toEqual({ status: 'ditolak' });
      expect(received.slice(start)).toEqual([['pemohon@etam.test']]);
      const told = (await listEvents(rt.dynamo, rt.config.table, caseId)).filter((e) =>
        e.action.startsWith('E-mail kepada pemohon'),
      );
      expect(told.map((e) => e.action)).toEqual([
        'E-mail kepada pemohon: "Permohonan Anda ditutup: berkas DALAK/2026/00014"',
      ]);
    } finally {
      received.splice(start);
    }
  });
});
