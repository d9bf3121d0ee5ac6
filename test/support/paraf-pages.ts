import type { Browser, Page } from 'playwright-core';
import { currentTotp } from '#identity/totp.ts';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { removeDir, tempDataDir, type StaffCredentials } from '../../scripts/clerk.ts';
import { launchChromium, newPersonPage, submitByClick } from './as-a-person.ts';
import { staffAccounts } from './staff-accounts.ts';

/**
 * Steps a person takes on Paraf's pages in Chromium, shared by the browser tests of issue 16
 * (send-backs, the small things): signing in on /masuk, finding an e-mail on the Kotak keluar page.
 */

export interface ParafInBrowser {
  paraf: LocalParaf;
  credentials: StaffCredentials;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

/** A local Paraf in a data folder of its own, an account for every official, and Chromium (id-ID) with one page. */
export async function startWithBrowser(prefix: string): Promise<ParafInBrowser> {
  const dataDir = tempDataDir(prefix);
  const paraf = await startLocal({ dataDir, port: 0 });
  const credentials = await staffAccounts(paraf);
  const browser = await launchChromium();
  const page = await newPersonPage(browser);
  const close = async () => {
    await browser.close();
    await paraf.close();
    removeDir(dataDir);
  };
  return { paraf, credentials, browser, page, close };
}

/** Signs in on the /masuk page as `official`, with the password and the authenticator code of this moment. */
export async function signInOnPage(page: Page, url: string, credentials: StaffCredentials, official: string) {
  await page.context().clearCookies();
  await page.goto(`${url}/masuk`);
  await page.selectOption('#pejabat', official);
  await page.fill('#kata-sandi', credentials[official]!.password);
  await page.fill('#kode', currentTotp(credentials[official]!.totpSecret));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/masuk'));
}

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
