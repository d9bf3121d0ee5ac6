import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CaseRecord } from '#records/case-records.ts';
import { findSop } from '#sop/load-catalog.ts';
import { confirmationPage } from '#web/approval-page.ts';
import { checkAtBothWidths, launchChromium, newPersonPage, openAnsweredHtml } from '../support/as-a-person.ts';

/**
 * The link of an official since taken out of the staff directory (the staff walk: its page named the
 * removed id, "kasi-layanan", and offered to sign in as nobody). It names no id, says the link is
 * spent, and who holds the step now.
 */
describe("the page of a departed official's link", () => {
  const sop = findSop('api-u')!;
  const link = {
    linkId: 'hTWN1oTCjHlP9L1lxyDepQ',
    caseId: 'case-departed',
    sop: sop.id,
    step: 8,
    lane: 'kasi-layanan',
    purpose: 'step' as const,
    officialId: 'kasi-layanan',
    token: 'token',
    createdAt: '2026-12-07T01:00:00.000Z',
    expiresAt: '2026-12-20T01:00:00.000Z',
    status: 'waiting' as const,
  };
  const record = {
    caseId: link.caseId,
    sop: sop.id,
    fileNumber: 'API-U/2026/00002',
    applicant: { name: 'PT Mahakam Niaga Sentosa' },
    status: 'berjalan',
    createdAt: '2026-12-07T00:00:00.000Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-12-14',
    form: {},
    requirements: [],
    current: {
      step: 8,
      lane: 'kasi-layanan',
      purpose: 'step',
      officialId: 'kasi-baru',
      dueAt: '2026-12-08T00:00:00.000Z',
    },
  } as CaseRecord;
  const view = (heldNowBy: string | undefined) => ({
    link,
    sop,
    record,
    events: [],
    states: [],
    official: undefined,
    acting: undefined,
    attachments: [],
    heldNowBy,
  });
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

  it('names no id, says the link is spent and who holds the step now, and offers no sign-in to decide', async () => {
    const page = String(await confirmationPage(view('Yohanes Pratama, S.E.'), { mayAct: false, handover: false }));
    expect(text(page)).toContain(
      'Langkah ini diminta kepada pejabat yang tidak lagi terdaftar di Paraf. Tautan ini tidak dapat dipakai lagi. Langkah ini sekarang ada pada Yohanes Pratama, S.E.',
    );
    expect(page).not.toContain('kasi-layanan');
    expect(page).not.toContain('/masuk?lanjut=');
    const unknownHolder = text(String(await confirmationPage(view(undefined), { mayAct: false, handover: false })));
    expect(unknownHolder).toContain(
      'Bila langkah ini masih menunggu, langkah ini diminta kepada pejabat penggantinya paling lambat saat pengingatnya dikirim, lalu ada di Tugas saya pejabat itu.',
    );
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 120_000);
    afterAll(() => browser?.close());

    it("reads at a phone's width and a desk's, its stylesheet and all", async () => {
      const page = await newPersonPage(browser);
      const html = String(await confirmationPage(view('Yohanes Pratama, S.E.'), { mayAct: false, handover: false }));
      const fetched = await openAnsweredHtml(page, `/a/${link.linkId}`, html);
      expect(fetched).toContain('/stil.css');
      expect(await page.locator('main').innerText()).toContain('pejabat yang tidak lagi terdaftar di Paraf');
      await checkAtBothWidths(page, 'tautan-pejabat-tidak-terdaftar');
    }, 60_000);
  });
});
