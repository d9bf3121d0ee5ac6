import type { Page } from 'playwright-core';
import { currentTotp } from '#identity/totp.ts';
import type { StaffCredentials } from '../../scripts/clerk.ts';
import { submitByClick } from './as-a-person.ts';

/**
 * Steps a person takes on Paraf's pages in Chromium, shared by the browser tests of issue 16
 * (send-backs, the small things): finding an e-mail on the Kotak keluar page, approving a step.
 * Signing in is walk-case.ts's signInPage.
 */

/** The Kotak keluar page's card of the newest e-mail whose subject contains `subject`, waiting for it to arrive. */
export async function mailOnOutboxPage(page: Page, url: string, subject: string, notForLink?: string) {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    await page.goto(`${url}/kotak-keluar`);
    // A step asked again has two e-mails of one subject: `notForLink` names the earlier one's link.
    const cards = page.locator('section.card', { hasText: subject });
    for (let i = 0; i < (await cards.count()); i += 1) {
      const card = cards.nth(i);
      if (!notForLink || (await card.locator('a').first().getAttribute('href')) !== notForLink) return card;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no e-mail "${subject}" in the outbox`);
}

/** Presses the approval form's button, with the signer's code where the step asks for one. */
export async function approveOnPage(page: Page, credentials: StaffCredentials, official: string) {
  if (await page.locator('#kode-ttd').count())
    await page.fill('#kode-ttd', currentTotp(credentials[official]!.totpSecret));
  await submitByClick(
    page,
    page
      .locator('form.card', { has: page.locator('input[name=decision][value=approve]') })
      .locator('button:not([name=baris])'),
  );
  await page.locator('p.ok').waitFor({ state: 'visible' });
}
