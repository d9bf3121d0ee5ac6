import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { witaDateTime } from '#clock/wita.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * The official who decides on a draft, the Kepala who signs it above all, sees where it names another
 * holder than the file the counter registered, or is dated before the file was received (a walk found
 * an API-U signed and numbered for another company, dated 13 days before receipt, with no word
 * anywhere). A warning, not a refusal: a drafter may correct a misspelt name.
 */
const at = parafForFile({ prefix: 'paraf-draft-differences-' });
const apiU = () => at.paraf.runtime.sop('SOP-LP2N-PPK-01');
const NOTICE = /<div class="notice" role="note" id="beda-berkas">([\s\S]*?)<\/div>/;

/** Decides every step as its official would until the Kepala's signature (API-U's step 10), and answers its page. */
async function kepalaSignaturePage(fileNumber: string): Promise<{ url: string; text: string }> {
  for (let decisions = 0; decisions < 20; decisions += 1) {
    const link = await at.clerk.nextLink(fileNumber);
    if (!link) throw new Error(`no link for ${fileNumber} after ${decisions} decisions`);
    if (link.step === 10) return { url: link.url, text: await (await at.clerk.fetch(link.url)).text() };
    expect((await at.clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
  }
  throw new Error('the signature step never came');
}

describe('a draft that differs from the file', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('is shown to the signer: another company, another NIB, a date before receipt', async () => {
    const application = completeApplication(apiU(), 'CV Borneo Karya Mandiri');
    application.applicant.nib = '9120009876543';
    const dayBefore = witaDateTime(new Date()).date;
    const opened = await at.clerk.submit(application);
    expect(opened.status).toBe(201);
    const { url, text: page } = await kepalaSignaturePage(String(opened.body.fileNumber));
    // The day it was received: the day after when this run crossed midnight (WITA) while submitting.
    const received = [dayBefore, witaDateTime(new Date()).date];
    const notice = NOTICE.exec(page)?.[1] ?? '';
    expect(notice.replace(/\s+/g, ' ')).toContain('Periksa sebelum memutuskan:');
    const items = [...notice.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
    const day = (iso: string) =>
      `${Number(iso.slice(8))} ${['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
    expect(items.slice(0, 2)).toEqual([
      'Angka Pengenal Importir Umum (API-U): nama &quot;PT Mahakam Niaga Sentosa&quot;, sedangkan di berkas &quot;CV Borneo Karya Mandiri&quot;.',
      'Angka Pengenal Importir Umum (API-U): NIB 9120001234567, sedangkan di berkas 9120009876543.',
    ]);
    expect(items).toHaveLength(3);
    expect(
      received.map(
        (iso) =>
          `Angka Pengenal Importir Umum (API-U): bertanggal 23 November 2026, sebelum berkas diterima pada ${day(iso)}.`,
      ),
    ).toContain(items[2]);

    // As the Kepala sees it in a browser, on a phone and at a desk.
    const person = await newPersonPage(browser);
    const [name, value] = (await at.clerk.session('kepala')).split('=');
    await person.context().addCookies([{ name: name!, value: value!, url: at.paraf.url }]);
    await person.goto(url);
    expect(await person.locator('#beda-berkas').innerText()).toContain(
      'Bila bukan perbaikan yang disengaja, kembalikan berkas untuk diperbaiki.',
    );
    await checkAtBothWidths(person, 'beda-berkas', { allow: ['cv'] });
  });

  it('says nothing where the draft names the registered company, written with a dot and two spaces, dated today', async () => {
    const application = completeApplication(apiU(), 'PT. Mahakam  Niaga Sentosa');
    (application.form.documents['api-u'] as { tanggal: string }).tanggal = witaDateTime(new Date()).date;
    const opened = await at.clerk.submit(application);
    expect(opened.status).toBe(201);
    const { text: page } = await kepalaSignaturePage(String(opened.body.fileNumber));
    expect(page).toContain('Langkah 10:');
    expect(page).not.toContain('beda-berkas');
  });
});
