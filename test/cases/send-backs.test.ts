import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { completeApplication, type StaffCredentials } from '../../scripts/clerk.ts';
import { endSentence } from '#staff/end-sentence.ts';
import { checkAtBothWidths, DESK, expectSelectReadable, PHONE } from '../support/as-a-person.ts';
import { approveOnPage, mailOnOutboxPage } from '../support/paraf-pages.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * Issue 16, point 5: an API-U case returned at step 8 (the Kasi's paraf) to step 7 (the Petugas
 * Pemrosesan's draft), followed in Chromium as the two officials would.
 */
const at = personAtParaf('paraf-send-backs-');
let paraf: LocalParaf;
let page: Page;
let credentials: StaffCredentials;

beforeAll(() => {
  ({ paraf, page, credentials } = at);
});

describe('a send-back, as the officials see it', () => {
  it('names who gets the file, tells them why at the top of their page, and the flow goes on', async () => {
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const official = (step: number) => paraf.runtime.staff.forLane(sop.steps.find((s) => s.no === step)!.lane)[0]!;
    const laneOf = (step: number) => sop.lanes.find((l) => l.id === sop.steps.find((s) => s.no === step)!.lane)!.label;
    const [drafter, kasi, kabid] = [official(7), official(8), official(9)];
    const reason = 'Alamat kantor pusat pada draf salah ketik: Jalan Sudirman Nomor 12, bukan 21';

    // Steps 6 and 7 through the HTTP API, as the pages post them.
    const clerk = at.clerk;
    const started = await clerk.submit(completeApplication(sop));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = started.body.fileNumber as string;
    for (const step of [6, 7]) {
      const next = await clerk.nextLink(fileNumber, 60_000);
      expect(next?.step).toBe(step);
      expect((await clerk.decide(next!.url, { decision: 'approve' })).status).toBe(200);
    }

    // Step 8: the Kasi returns the draft. The choice names the role, the step and the person.
    const step8 = await clerk.nextLink(fileNumber, 60_000);
    expect(step8?.step).toBe(8);
    await signInPage(page, paraf.url, credentials, kasi.id);
    await page.goto(step8!.url);
    // The option is short enough for a phone's select (step and person); the role is spelled out beside it.
    const options = (await page.locator('#returnTo option').allInnerTexts()).map((text) => text.trim());
    expect(options).toEqual([`Langkah 7 · ${drafter.name}`]);
    expect(await page.locator('#returnTo-bantuan').innerText()).toContain(`Langkah 7: ${laneOf(7)}, ${drafter.name}`);
    expect(laneOf(7)).toContain('Petugas Pemrosesan');
    // At a desk's width, then a phone's, where the page goes on.
    for (const viewport of [DESK, PHONE]) {
      await page.setViewportSize(viewport);
      await expectSelectReadable(page, '#returnTo');
    }
    // Nothing was returned to step 8: its page has no send-back notice.
    expect(await page.locator('.send-back').count()).toBe(0);
    await checkAtBothWidths(page, 'kembali-langkah-8');
    await page.fill('#note-return', reason);
    await page.getByRole('button', { name: 'Kembalikan', exact: true }).click();
    const confirmation = await page.locator('p.ok').innerText();
    expect(confirmation).toContain(
      `Langkah ini dikembalikan ke ${laneOf(7)} (langkah 7), kepada ${endSentence(drafter.name)}`,
    );
    expect(confirmation).not.toContain('berkas diteruskan');
    await checkAtBothWidths(page, 'kembali-konfirmasi');

    // The e-mail to the drafter says it came back, and from whom, in its subject and its text.
    const mail = await mailOnOutboxPage(page, paraf.url, `Berkas ${fileNumber}: langkah 7 menunggu Anda (dikembalikan`);
    const subject = await mail.locator('strong').first().innerText();
    expect(subject).toBe(
      `[${sop.id}] Berkas ${fileNumber}: langkah 7 menunggu Anda (dikembalikan oleh ${kasi.name}, ${laneOf(8)})`,
    );
    const text = await mail.locator('pre.mail-text').innerText();
    expect(text).toContain(`dikembalikan kepada Anda oleh ${kasi.name} (${laneOf(8)}, langkah 8)`);
    expect(text).toContain(`Alasan pengembalian: ${reason}`);
    await checkAtBothWidths(page, 'kembali-kotak-keluar');

    // Step 7's page opens with the reason, above everything else.
    const step7 = (await mail.locator('a').first().getAttribute('href'))!;
    await signInPage(page, paraf.url, credentials, drafter.id);
    // The drafter's task list says the file came back, and from whom: it is not a new file.
    await page.goto(`${paraf.url}/tugas`);
    expect(await page.locator('tr', { hasText: fileNumber }).innerText()).toMatch(
      new RegExp(
        `Dikembalikan oleh ${kasi.name.replace(/[.]/g, '\\.')} \\(${laneOf(8).replace(/[()/.]/g, '\\$&')}, langkah 8\\) pada \\d{1,2} \\S+ \\d{4} pukul`,
      ),
    );
    await checkAtBothWidths(page, 'kembali-tugas');
    await page.goto(step7);
    expect(await page.locator('h1').innerText()).toContain('Langkah 7');
    const first = page.locator('main > h1 + *');
    expect(await first.getAttribute('class')).toContain('send-back');
    const notice = await first.innerText();
    expect(notice).toContain(`Dikembalikan oleh ${kasi.name} (${laneOf(8)}, langkah 8)`);
    expect(notice).toMatch(/pada \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WITA/);
    expect(notice).toContain(`Alasan: ${reason}`);
    // The drafting form itself is point 1's (forms from the schemas); until it lands, its JSON field is not this test's.
    await checkAtBothWidths(page, 'kembali-langkah-7', {
      skipTextsContaining: ['(JSON per jenis dokumen)', '"api-u"'],
    });

    // Approved again, the file goes on to the Kasi, and the confirmation names them.
    await approveOnPage(page, credentials, drafter.id);
    expect(await page.locator('p.ok').innerText()).toContain(
      `Langkah ini disetujui; berkas diteruskan ke ${laneOf(8)} (langkah 8), kepada ${endSentence(kasi.name)}`,
    );
    await checkAtBothWidths(page, 'kembali-setuju-7');
    // The next ask is an ordinary hand-off: its subject says nothing of a return, its page has no notice.
    const again = await mailOnOutboxPage(page, paraf.url, `Berkas ${fileNumber}: langkah 8 menunggu Anda`, step8!.url);
    expect(await again.locator('strong').first().innerText()).toBe(
      `[${sop.id}] Berkas ${fileNumber}: langkah 8 menunggu Anda`,
    );
    const secondAsk = (await again.locator('a').first().getAttribute('href'))!;
    await signInPage(page, paraf.url, credentials, kasi.id);
    await page.goto(secondAsk);
    expect(await page.locator('.send-back').count()).toBe(0);
    await approveOnPage(page, credentials, kasi.id);
    expect(await page.locator('p.ok').innerText()).toContain(
      `berkas diteruskan ke ${laneOf(9)} (langkah 9), kepada ${endSentence(kabid.name)}`,
    );
    const step9 = await mailOnOutboxPage(page, paraf.url, `Berkas ${fileNumber}: langkah 9 menunggu Anda`);
    expect(await step9.innerText()).toContain(kabid.name);
  }, 300_000);
});
