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
    await page.goto(`${paraf.url}/masuk`);
    // Opened directly, not sent from a staff page: nothing to explain.
    expect(await page.locator('p.notice[role=status]').count()).toBe(0);
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

    // Recording an absence asks the code, as a signature does; the demo shows it on the page.
    const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${paraf.url}/ketidakhadiran`);
    expect(await page.locator('p.notice', { has: page.locator('#kode-demo') }).innerText()).toMatch(
      /^Mode demo: kode autentikator Anda saat ini \d{6} \(berganti tiap 30 detik\)\.$/,
    );
    await page.check('input[name=wakil][value="kepala:sekretaris"]');
    await page.fill('#dari', day(30));
    await page.fill('#sampai', day(31));
    await page.fill('#keterangan', 'Cuti tahunan');
    await page.fill('#kode-ttd', await page.locator('#kode-demo').innerText());
    await page.getByRole('button', { name: 'Catat ketidakhadiran' }).click();
    expect(await page.locator('p.ok').innerText()).toContain('Ketidakhadiran dicatat');
    expect(await page.locator('tbody tr', { hasText: 'Cuti tahunan' }).innerText()).toContain('Akan datang');

    // The first real account closes the demo for good, and its sessions with it.
    await staffAccounts(paraf);
    await page.goto(`${paraf.url}/tugas`);
    expect(new URL(page.url()).pathname).toBe('/masuk');
    expect(await page.locator('#demo-judul').count()).toBe(0);
    // Sent here from a staff page, the page says why, and that the page opens once signed in.
    expect(await page.locator('p.notice[role=status]').innerText()).toBe(
      'Halaman yang Anda buka hanya untuk petugas yang sudah masuk. Masuk di bawah ini; setelah itu halaman tersebut terbuka sendiri.',
    );
    await page.selectOption('#pejabat', 'kepala');
    await page.fill('#kata-sandi', 'rahasia');
    await page.fill('#kode', '123456');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await page.locator('p.error').innerText()).toBe('Nama, kata sandi, atau kode autentikator salah.');
  });
});
