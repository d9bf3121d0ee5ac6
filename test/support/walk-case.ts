import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { currentTotp } from '#identity/totp.ts';
import type { Clerk, StaffCredentials } from '../../scripts/clerk.ts';
import { launchChromium, newPersonPage } from './as-a-person.ts';
import { parafForFile, type StartedParaf } from './start-paraf.ts';

/**
 * Moving a case along in a browser test: a person signs in on /masuk, and the steps the test does
 * not look at are approved over HTTP by the officials they were e-mailed to (scripts/clerk.ts).
 */

const signedIn = new WeakMap<Page, string>();

export interface PersonAtParaf extends StartedParaf {
  browser: Browser;
  page: Page;
}

/**
 * The file's runtime (parafForFile: a fresh data folder, an account per official, a Clerk), and Chromium with one
 * person's page: the one set-up of every browser test file. Its ceiling is generous: Chromium starts slowly on a
 * loaded machine.
 */
export function personAtParaf(prefix: string): PersonAtParaf {
  const at = parafForFile({ prefix }) as PersonAtParaf;
  beforeAll(async () => {
    at.browser = await launchChromium();
    at.page = await newPersonPage(at.browser);
  }, 120_000);
  // Registered after parafForFile's, so run before it (vitest runs afterAll hooks in reverse): the browser goes first.
  afterAll(() => at.browser?.close());
  return at;
}

/** Signs the page in on /masuk as `official`, with the password and the authenticator code of this moment. */
export async function signInPage(page: Page, baseUrl: string, credentials: StaffCredentials, official: string) {
  if (signedIn.get(page) === official) return;
  const account = credentials[official];
  if (!account) throw new Error(`no credentials for ${official}`);
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/masuk`);
  await page.selectOption('#pejabat', official);
  await page.fill('#kata-sandi', account.password);
  await page.fill('#kode', currentTotp(account.totpSecret));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'));
  signedIn.set(page, official);
}

/**
 * The applicant's fields of the loket's form, typed as a person types them: PT Mahakam Niaga Sentosa's
 * unless told otherwise (an empty phone is left untyped), the e-mail address only when one is given.
 */
export async function fillApplicant(
  page: Page,
  {
    name = 'PT Mahakam Niaga Sentosa',
    nib = '9120001234567',
    phone = '0541 123456',
    email,
  }: { name?: string; nib?: string; phone?: string; email?: string } = {},
) {
  await page.fill('#nama', name);
  await page.fill('#nib', nib);
  await page.fill('#npwp', '01.234.567.8-722.000');
  await page.fill('#alamat', 'Jalan Jenderal Sudirman Nomor 12, Samarinda');
  if (phone) await page.fill('#telepon', phone);
  if (email !== undefined) await page.fill('#email', email);
}

/** A case's next e-mailed link; fails the test when none comes within a minute. */
export async function nextLink(clerk: Clerk, fileNumber: string) {
  const link = await clerk.nextLink(fileNumber, 60_000);
  if (!link) throw new Error(`no e-mail with a link for ${fileNumber}`);
  return link;
}

/**
 * Approves each step of a case as its e-mail asks, in order, until a link for step `stop` comes (returned,
 * not answered). `fields` adds form fields to a step's approval (the drafting step's data).
 */
export async function approveUntil(
  clerk: Clerk,
  fileNumber: string,
  stop: number,
  fields: Record<number, Record<string, string>> = {},
) {
  for (;;) {
    const link = await nextLink(clerk, fileNumber);
    if (link.step === stop) return link;
    const answer = await clerk.decide(link.url, { decision: 'approve', ...fields[link.step] });
    expect(answer.status, `${fileNumber} step ${link.step}: ${JSON.stringify(answer.body)}`).toBe(200);
  }
}

/** Opens `url` until `find` shows something: the workflow moves on in the background, as for a person pressing reload. */
export async function openUntil(page: Page, url: string, find: (page: Page) => ReturnType<Page['locator']>) {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    // A page that reloads itself (the numbering page does, every few seconds) can cut this navigation
    // short: that is no answer, and the next look tries again.
    const cut = await page.goto(url).then(
      () => false,
      (error: Error) => {
        if (/ERR_ABORTED|interrupted by another navigation/.test(error.message)) return true;
        throw error;
      },
    );
    if (!cut && (await find(page).count())) return find(page);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing to find at ${url}`);
}
