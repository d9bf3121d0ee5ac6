import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { staffAccounts } from '../support/staff-accounts.ts';

/**
 * The first thing a newcomer does after `npm start`: a fresh data folder on loopback has no account,
 * so /masuk offers the demo sign-in. The password form says there is no account yet instead of
 * "wrong password"; the demo signs an official in; the first real account closes the demo and ends
 * its sessions. In Chromium at 412 and 1280 px.
 */
const runtimes = localRuntimes();
const dataDir = tempDataDir('paraf-demo-sign-in-');
let paraf: LocalParaf;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  paraf = await runtimes.start(dataDir);
  browser = await launchChromium();
  page = await newPersonPage(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtimes.closeAll();
  removeDir(dataDir);
});

describe('the demo sign-in of a fresh npm start', () => {
  it('says there is no account yet, signs in by the demo, and closes once a real account exists', async () => {
    const kepala = paraf.runtime.staff.byId('kepala')!;
    await page.goto(`${paraf.url}/masuk?lanjut=/tugas`);
    expect(await page.locator('#demo-judul').innerText()).toBe('Masuk demo (hanya di komputer ini)');

    // The password form, tried as a newcomer would before reading on: not "wrong", but "no account yet".
    await page.selectOption('#pejabat', 'kepala');
    await page.fill('#kata-sandi', 'rahasia');
    await page.fill('#kode', '123456');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await page.locator('p.error').innerText()).toBe(
      'Paraf ini belum memiliki akun pejabat, jadi belum ada kata sandi yang dapat dipakai. Untuk mencoba, gunakan Masuk demo di bawah; akun sebenarnya dibuat oleh pengelola Paraf.',
    );
    await checkAtBothWidths(page, 'masuk-demo-tanpa-akun');

    await page.getByRole('button', { name: `Masuk sebagai ${kepala.name} (${kepala.position}) · demo` }).click();
    await page.waitForURL(`${paraf.url}/tugas`);
    expect(await page.locator('body').innerText()).toContain(kepala.name);
    await checkAtBothWidths(page, 'tugas-demo');

    // The first real account closes the demo for good, and its sessions with it.
    await staffAccounts(paraf);
    await page.goto(`${paraf.url}/tugas`);
    expect(new URL(page.url()).pathname).toBe('/masuk');
    expect(await page.locator('#demo-judul').count()).toBe(0);
    await page.selectOption('#pejabat', 'kepala');
    await page.fill('#kata-sandi', 'rahasia');
    await page.fill('#kode', '123456');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await page.locator('p.error').innerText()).toBe('Nama, kata sandi, atau kode autentikator salah.');
  });
});
