import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '#cases/list-tasks.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { failRunningCase, updateCase } from '#records/case-records.ts';
import { checkCorrectionLink } from '#cases/add-correction-files.ts';
import { type ApprovalLink, failedBy, getLink, openLink } from '#records/links.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { expectNothingChanged } from '../support/stored-state.ts';

/**
 * A case that fails retires the approval links still waiting for it (record-failure.ts): on a local
 * runtime, over real HTTP, through the handler the machine's Failed_Record state and the time-out
 * rule call. A case that closed before the failure is recorded keeps its links.
 */
const dataDir = tempDataDir('paraf-failed-links-');
const runtimes = localRuntimes();
let paraf: LocalParaf;
let clerk: Clerk;
let browser: Browser | undefined;

beforeAll(async () => {
  paraf = await runtimes.start(dataDir);
  // Signed in before any "changes nothing": a session is a write.
  clerk = await new Clerk(paraf.url, await staffAccounts(paraf)).signInAll();
});
afterAll(async () => {
  await browser?.close();
  await runtimes.closeAll();
  removeDir(dataDir);
});

const linkIdOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';
const FAILED_PAGE =
  /Berkas ini gagal diproses: prosesnya terhenti pada \d+ \w+ \d{4} pukul \d{2}\.\d{2} WITA\. Tautan ini tidak berlaku lagi; tidak ada keputusan yang dapat diambil dan tidak ada yang diubah\./;

/** A failed link's page as its official's Chromium shows it: the title and the failure, nothing to act on, readable at both widths. */
async function expectFailedPageInBrowser(url: string, officialId: string, name: string) {
  browser ??= await launchChromium();
  const page = await newPersonPage(browser);
  const [cookie, ...value] = (await clerk.session(officialId)).split('=');
  await page.context().addCookies([{ name: cookie ?? '', value: value.join('='), url: paraf.url }]);
  try {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Berkas gagal diproses');
    expect(await page.locator('main').innerText()).toMatch(FAILED_PAGE);
    expect(await page.locator('main form').count()).toBe(0);
    await checkAtBothWidths(page, name);
  } finally {
    await page.context().close();
  }
}

/** A case filed at the counter and waiting at its first asked step, with that step's e-mailed link and official. */
async function waitingCase(company: string) {
  const filed = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), company));
  expect(filed.status).toBe(201);
  const { id: caseId, fileNumber } = filed.body as { id: string; fileNumber: string };
  const link = await clerk.nextLink(fileNumber);
  if (!link) throw new Error(`no link was e-mailed for ${fileNumber}`);
  const linkId = linkIdOf(link.url);
  // The runtime's own task list (the staff pages' source) lists the link once its record is written.
  const official = await clerk.recipientOf(link.url);
  for (const until = Date.now() + 15_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if ((await getLink(paraf.runtime.dynamo, paraf.runtime.config.table, linkId))?.status === 'waiting') break;
    if (Date.now() > until) throw new Error(`the link of ${fileNumber} never waited`);
  }
  return { caseId, fileNumber, url: link.url, linkId, official };
}

/** A page's form posted as a browser posts it, by the official signed in. */
const postForm = (path: string, fields: Record<string, string>, official: string) =>
  clerk.fetch(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    },
    official,
  );

async function queued(official: string, linkId: string) {
  const tasks = await listTasks(paraf.runtime, official);
  const page = await (await clerk.fetch('/tugas', {}, official)).text();
  return { listed: tasks.some((t) => t.task.linkId === linkId), onPage: page.includes(`/a/${linkId}`) };
}

/** Links of the case's later steps opened as the machine would: Tata Usaha's numbering and handover, a correction's. */
async function laterLinks(askedLinkId: string) {
  const { dynamo, config } = paraf.runtime;
  const asked = (await getLink(dynamo, config.table, askedLinkId)) as ApprovalLink;
  const sop = paraf.runtime.sopOf(asked);
  const { linkId: _, createdAt: __, status: ___, ...base } = asked;
  const linkAt = async (kind: string, purpose: ApprovalLink['purpose'] = 'step') => {
    const step = sop.steps.find((s) => s.kind === kind);
    if (!step) throw new Error(`${sop.id} has no ${kind} step`);
    const opened = await openLink(dynamo, config.table, {
      ...base,
      step: step.no,
      lane: step.lane,
      purpose,
      token: `token-${kind}-${purpose}`,
    });
    return opened.link.linkId;
  };
  return {
    numbering: await linkAt('registration-number'),
    handover: await linkAt('handover'),
    correction: await linkAt('registration', 'applicant-correction'),
    base,
  };
}

async function recordFailureAsTheMachine(caseId: string) {
  const { handler } = await import('#handlers/record-failure.ts');
  await handler({
    caseId,
    sop: 'SOP-LP2N-PPK-01',
    error: { Error: 'States.TaskFailed', Cause: 'S3 timeout' },
  });
}

describe('a failed case', () => {
  it('retires its waiting links: out of the task lists, their page says the file failed, a decision is refused and changes nothing; a repeat is harmless', async () => {
    const waiting = await waitingCase('PT Gagal Proses');
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: true, onPage: true });

    await recordFailureAsTheMachine(waiting.caseId);
    expect((await clerk.json(`/api/cases/${waiting.caseId}`)).body.status).toBe('gagal');
    const retired = await getLink(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.linkId);
    expect(retired).toMatchObject({ status: 'decided', decision: { caseFailed: { at: expect.any(String) } } });
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: false, onPage: false });

    const page = await clerk.fetch(waiting.url);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<h1>Berkas gagal diproses</h1>');
    expect(text).toMatch(FAILED_PAGE);
    expect(text).not.toContain('name="decision"');

    await expectNothingChanged(paraf, 'a failed link opened, and decided on through its page', async () => {
      const got = await clerk.fetch(waiting.url, {}, waiting.official);
      expect(got.status).toBe(200);
      expect(await got.text()).toMatch(FAILED_PAGE);
      const head = await clerk.fetch(waiting.url, { method: 'HEAD' }, waiting.official);
      expect(head.status).toBe(200);
      const decisions: Record<string, string>[] = [
        { decision: 'approve' },
        { decision: 'reject', note: 'Berkas tidak lengkap' },
      ];
      for (const fields of decisions) {
        const refused = await clerk.decide(waiting.url, fields, waiting.official);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toBe('case-failed');
        expect(refused.body.message).toMatch(FAILED_PAGE);
      }
      // The page's own form, as a browser posts it: the refusal says why in its title too.
      const posted = await postForm(
        waiting.url,
        { decision: 'return', returnTo: '1', note: 'Mohon diperiksa' },
        waiting.official,
      );
      expect(posted.status).toBe(409);
      const refusal = await posted.text();
      expect(refusal).toContain('<h1>Berkas gagal diproses</h1>');
      expect(refusal).toMatch(FAILED_PAGE);
      // The page's drafting buttons ("periksa") ask the link before any decision: the same refusal.
      const checked = await postForm(waiting.url, { decision: 'approve', baris: 'periksa' }, waiting.official);
      expect(checked.status).toBe(409);
      const checkRefusal = await checked.text();
      expect(checkRefusal).toContain('<h1>Berkas gagal diproses</h1>');
      expect(checkRefusal).toMatch(FAILED_PAGE);
    });

    // The machine's retry of Failed_Record: the same link, the same retirement, one failure on the trail.
    await recordFailureAsTheMachine(waiting.caseId);
    expect(await getLink(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.linkId)).toEqual(retired);
    const trail = (await clerk.json(`/api/cases/${waiting.caseId}`)).body.history as { action: string }[];
    expect(trail.filter((e) => e.action === 'Proses terhenti karena kesalahan sistem')).toHaveLength(1);
  }, 120_000);

  it("retires its other waiting links too: Tata Usaha's numbering page and handover page, a correction's upload", async () => {
    const waiting = await waitingCase('PT Gagal Bernomor');
    const { dynamo, config } = paraf.runtime;
    const { numbering, handover, correction, base } = await laterLinks(waiting.linkId);

    await recordFailureAsTheMachine(waiting.caseId);
    for (const linkId of [numbering, handover, correction])
      expect(failedBy((await getLink(dynamo, config.table, linkId)) as ApprovalLink)).toBeDefined();
    // The failed pages read and their forms refused: nothing stored changes.
    await expectNothingChanged(paraf, "a failed case's numbering and handover pages, read and posted", async () => {
      const numberingPage = await clerk.fetch(`/tata-usaha/nomor/${numbering}`);
      expect(numberingPage.status).toBe(200);
      const numberingText = await numberingPage.text();
      expect(numberingText).toMatch(FAILED_PAGE);
      expect(numberingText).not.toContain('http-equiv="refresh"');
      // No handover was recorded on a retired link: its page says the file failed, as the step's other pages do.
      const handoverPage = await clerk.fetch(`/tata-usaha/serah-terima/${handover}`);
      expect(handoverPage.status).toBe(200);
      const handoverText = await handoverPage.text();
      expect(handoverText).toContain('<h1>Berkas gagal diproses</h1>');
      expect(handoverText).toMatch(FAILED_PAGE);
      expect(handoverText).not.toContain('Penyerahan tercatat');
      expect(handoverText).not.toContain('http-equiv="refresh"');
      // The two pages' forms, posted as a browser posts them: refused, titled as the pages are.
      const forms = [
        [`/tata-usaha/nomor/${numbering}`, { decision: 'approve', kode: '123456' }],
        [`/tata-usaha/serah-terima/${handover}`, { penerima: 'Budi Santoso', kode: 'K7QF-29XM' }],
      ] as const;
      for (const [path, fields] of forms) {
        const posted = await postForm(path, fields, 'tata-usaha');
        expect(posted.status, path).toBe(409);
        const refusal = await posted.text();
        expect(refusal, path).toContain('<h1>Berkas gagal diproses</h1>');
        expect(refusal, path).toMatch(FAILED_PAGE);
      }
      // Another step's link is no handover, failed or not.
      expect((await clerk.fetch(`/tata-usaha/serah-terima/${numbering}`)).status).toBe(404);
      await expect(checkCorrectionLink(paraf.runtime, correction, base.officialId)).rejects.toMatchObject({
        code: 'case-failed',
        message: expect.stringMatching(FAILED_PAGE),
      });
    });

    // As the officials' browsers show them: the approval page, Tata Usaha's numbering and handover pages.
    await expectFailedPageInBrowser(waiting.url, waiting.official, 'gagal-halaman-persetujuan');
    await expectFailedPageInBrowser(`${paraf.url}/tata-usaha/nomor/${numbering}`, 'tata-usaha', 'gagal-halaman-nomor');
    await expectFailedPageInBrowser(
      `${paraf.url}/tata-usaha/serah-terima/${handover}`,
      'tata-usaha',
      'gagal-halaman-serah-terima',
    );
  }, 180_000);

  it('retires them on the retry when the first run stopped after the case became gagal', async () => {
    const waiting = await waitingCase('PT Gagal Separuh');
    // What a first run cut off right after its conditional write leaves: the case gagal, its link waiting.
    expect(await failRunningCase(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.caseId)).toBe(true);
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: true, onPage: true });
    await recordFailureAsTheMachine(waiting.caseId);
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: false, onPage: false });
    expect(await (await clerk.fetch(waiting.url)).text()).toMatch(FAILED_PAGE);
  }, 120_000);

  it('refuses a decision sent between the case becoming gagal and its links retired, and changes nothing', async () => {
    const waiting = await waitingCase('PT Gagal Sekejap');
    // The moment record-failure.ts has marked the case and not yet retired its links (or a case failed
    // before failures retired links): the link still waits, its case is gagal.
    expect(await failRunningCase(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.caseId)).toBe(true);
    const notYet =
      /Berkas ini gagal diproses\. Tautan ini tidak berlaku lagi; tidak ada keputusan yang dapat diambil dan tidak ada yang diubah\./;
    expect((await getLink(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.linkId))?.status).toBe('waiting');
    await expectNothingChanged(paraf, 'a link of a case just failed, opened and decided on', async () => {
      const refused = await clerk.decide(waiting.url, { decision: 'approve' }, waiting.official);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'case-failed', message: expect.stringMatching(notYet) });
      const page = await (await clerk.fetch(waiting.url, {}, waiting.official)).text();
      expect(page).toContain('<h1>Berkas gagal diproses</h1>');
      expect(page).toMatch(notYet);
      expect(page).not.toContain('name="decision"');
      // The page's drafting buttons, a correction's upload, Tata Usaha's numbering page and handover form: the same.
      const checked = await postForm(waiting.url, { decision: 'approve', baris: 'periksa' }, waiting.official);
      expect(checked.status).toBe(409);
      expect(await checked.text()).toMatch(notYet);
      expect((await clerk.fetch(waiting.url, { method: 'HEAD' }, waiting.official)).status).toBe(200);
    });
    const later = await laterLinks(waiting.linkId);
    await expectNothingChanged(paraf, "a just-failed case's later links, opened and posted", async () => {
      await expect(checkCorrectionLink(paraf.runtime, later.correction, later.base.officialId)).rejects.toMatchObject({
        code: 'case-failed',
        message: expect.stringMatching(notYet),
      });
      const numberingPage = await (await clerk.fetch(`/tata-usaha/nomor/${later.numbering}`)).text();
      expect(numberingPage).toMatch(notYet);
      expect(numberingPage).not.toContain('Setuju dan beri nomor registrasi');
      const handoverPage = await clerk.fetch(`/tata-usaha/serah-terima/${later.handover}`);
      expect(handoverPage.status).toBe(200);
      expect(await handoverPage.text()).toMatch(notYet);
      const handedOver = await postForm(
        `/tata-usaha/serah-terima/${later.handover}`,
        { penerima: 'Budi Santoso', kode: 'SALAH-KODE' },
        'tata-usaha',
      );
      expect(handedOver.status).toBe(409);
      expect(await handedOver.text()).toContain('<h1>Berkas gagal diproses</h1>');
    });
  }, 120_000);

  it('retires them when its execution timed out', async () => {
    const waiting = await waitingCase('PT Lewat Setahun');
    const { handler } = await import('#handlers/record-failure.ts');
    await handler({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        executionArn: 'arn:aws:states:local:000000000000:execution:paraf-SOP-LP2N-PPK-01:x',
        status: 'TIMED_OUT',
        input: JSON.stringify({ caseId: waiting.caseId }),
      },
    });
    expect((await clerk.json(`/api/cases/${waiting.caseId}`)).body.status).toBe('gagal');
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: false, onPage: false });
    const refused = await expectNothingChanged(paraf, 'a decision on a link of a case failed for good', () =>
      clerk.decide(waiting.url, { decision: 'approve' }, waiting.official),
    );
    expect(refused.status).toBe(409);
  }, 120_000);

  it('leaves a case that closed before the failure was recorded with its outcome and its links', async () => {
    const waiting = await waitingCase('PT Sudah Selesai');
    await updateCase(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.caseId, { status: 'selesai' });
    await recordFailureAsTheMachine(waiting.caseId);
    expect((await clerk.json(`/api/cases/${waiting.caseId}`)).body.status).toBe('selesai');
    expect((await getLink(paraf.runtime.dynamo, paraf.runtime.config.table, waiting.linkId))?.status).toBe('waiting');
    expect(await queued(waiting.official, waiting.linkId)).toEqual({ listed: true, onPage: true });
    expect(await (await clerk.fetch(waiting.url)).text()).not.toMatch(/gagal diproses/);
  }, 120_000);
});
