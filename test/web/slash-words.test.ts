import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkRequirements } from '#sop/check-requirements.ts';
import { Clerk, completeApplication } from '../../scripts/clerk.ts';
import { checkAtBothWidths, PHONE } from '../support/as-a-person.ts';
import { nextLink, personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The seeds join alternatives with slashes into words wider than a phone's list ("pengesahan/
 * persetujuan/pemberitahuan", API-U's requirement 1). Every staff page an API-U case passes through,
 * and the applicant's, read at 412 px and at 360 px (the narrowest common phone) without scrolling sideways.
 */
const at = personAtParaf('paraf-garis-miring-');
const NARROW = { width: 360, height: 800 };

async function expectNoSidewaysScroll(page: Page, name: string) {
  for (const viewport of [PHONE, NARROW]) {
    await page.setViewportSize(viewport);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width, `${name} at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
  }
  await page.setViewportSize(PHONE);
}

describe('slash-joined words of the seeds on the step pages', () => {
  it('break after their slashes on a phone, on every page of an API-U case', async () => {
    const { paraf, page, credentials } = at;
    const clerk = new Clerk(paraf.url, credentials);
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const application = completeApplication(sop, 'PT Garis Miring');
    // Requirement 10c ("Atase Perdagangan/Pejabat Diplomatik/konsuler/perwakilan") too.
    application.form.facts.lebihDariSatuBagian = true;
    application.requirements = checkRequirements(sop, application.form.facts, []).required.map((item) => item.id);
    const started = await clerk.submit(application);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { fileNumber, receiptCode } = started.body as Record<string, string>;
    const look = async (name: string, url: string, official?: string) => {
      if (official) await signInPage(page, paraf.url, credentials, official);
      await page.goto(url);
      await expectNoSidewaysScroll(page, name);
    };

    const pages: string[] = [];
    let returned = false;
    for (;;) {
      const link = await nextLink(clerk, fileNumber!);
      const official = await clerk.recipientOf(link.url);
      await look(`langkah ${link.step}`, link.url, official);
      const correction = (await page.locator('h1').innerText()).includes('berkas perbaikan');
      pages.push(`langkah ${link.step}${correction ? ' (perbaikan)' : ''}`);
      if (link.step === 6 && !returned) {
        // The verification lists the requirements as the counter recorded them.
        expect(await page.locator('main li', { hasText: 'pengesahan/persetujuan/pemberitahuan' }).count()).toBe(1);
        expect(
          await page.locator('main li', { hasText: 'Perdagangan/Pejabat Diplomatik/konsuler' }).count(),
        ).toBeGreaterThan(0);
        await checkAtBothWidths(page, 'garis-miring-langkah-6');
        returned = true;
        const back = await clerk.decide(link.url, {
          decision: 'return',
          returnTo: 'applicant',
          note: 'Akta belum ada',
        });
        expect(back.status).toBe(200);
        await look(
          'halaman pemohon',
          `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=${receiptCode}`,
        );
        continue;
      }
      if (link.step === 11) await look('pemberian nomor', link.url.replace('/a/', '/tata-usaha/nomor/'), official);
      if (link.step === 12) await look('Tata Usaha', `${paraf.url}/tata-usaha`, official);
      if (link.step === 13) break;
      const answer = await clerk.decide(link.url, { decision: 'approve' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    expect(pages).toEqual(
      [6, 6, 6, 7, 8, 9, 10, 11, 12, 13].map((step, i) => `langkah ${step}${i === 1 ? ' (perbaikan)' : ''}`),
    );
  });
});
