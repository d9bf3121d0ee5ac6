import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileRegister } from '#cases/start-case.ts';
import { peekNextNumber } from '#registry/next-number.ts';
import { checkAtBothWidths, newPersonPage, PHONE, submitByClick } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { fillApplicant, personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The counter's form sent again: after the browser's Back, and twice at once. A form is one intake,
 * whatever reaches the server; checked in Chromium at 412 and 1280 px.
 */
const at = personAtParaf('paraf-loket-ulang-');
const SOP = 'SOP-LP2N-PPK-01';
const HANDED_IN = ['1', '2', '3', '4', '5', '6', '8', '9', '12'];
/** The applicant's fields API-U's draft needs besides the name, as the form posts them. */
const APPLICANT: [string, string][] = [
  ['nib', '9120001234567'],
  ['npwp', '01.234.567.8-722.000'],
  ['alamat', 'Jalan Jenderal Sudirman Nomor 12, Samarinda'],
  ['telepon', '0541 123456'],
];

/** The number the SOP's file register gives next: it moves only when an intake takes one. */
const nextFileNumber = () =>
  peekNextNumber(
    at.paraf.runtime.dynamo,
    at.paraf.runtime.config.table,
    fileRegister(at.paraf.runtime.sop(SOP)),
    new Date(),
  );

async function fillApplication(page: Page, name: string) {
  await signInPage(page, at.paraf.url, at.credentials, 'loket');
  await page.goto(`${at.paraf.url}/loket/${SOP}`);
  await page.check('#fakta-penandatanganWni');
  await fillApplicant(page, { name });
  for (const id of HANDED_IN) await page.check(`#syarat-${id}`);
}

const sendButton = (page: Page) => page.getByRole('button', { name: 'Terima berkas dan cetak tanda terima' });
const shownFileNumber = async (page: Page) =>
  (await page.locator('dt:has-text("Nomor berkas") + dd').innerText()).trim();

describe("the loket's form sent again", () => {
  it("after Back, the button again shows the same file's receipt and takes no number", async () => {
    const { page } = at;
    await page.setViewportSize(PHONE);
    await fillApplication(page, 'PT Kembali Lagi Sentosa');
    await submitByClick(page, sendButton(page));
    expect((await page.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    const fileNumber = await shownFileNumber(page);
    const next = await nextFileNumber();
    await page.goBack();
    expect(await page.inputValue('#nama')).toBe('PT Kembali Lagi Sentosa');
    await submitByClick(page, sendButton(page));
    expect((await page.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    expect(await shownFileNumber(page)).toBe(fileNumber);
    expect(await page.locator('main').innerText()).toContain(
      `Formulir ini sudah dikirim; berkas ${fileNumber} sudah tercatat. Tidak ada berkas baru yang dibuat.`,
    );
    expect(await nextFileNumber()).toBe(next);
    await checkAtBothWidths(page, 'loket-ulang-tanda-terima');
    // The notice is for the answer to the form sent again, not for every later look at the receipt.
    await page.reload();
    expect(await page.locator('main').innerText()).not.toContain('Formulir ini sudah dikirim');
  });

  it('after Back, the filled name carries no stale "Isian ini wajib diisi." and the first click sends', async () => {
    const { page } = at;
    await page.setViewportSize(PHONE);
    await fillApplication(page, 'PT Sekali Klik Mandiri');
    await submitByClick(page, sendButton(page));
    const fileNumber = await shownFileNumber(page);
    await page.goBack();
    expect(await page.inputValue('#nama')).toBe('PT Sekali Klik Mandiri');
    expect(
      await page.locator('#nama').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('');
    // One click, as the clerk gives it: it must send the form, not wait for a second.
    await Promise.all([
      page.waitForRequest((request) => request.method() === 'POST', { timeout: 5_000 }),
      sendButton(page).click(),
    ]);
    await page.waitForURL(/\/loket\/tanda-terima\//);
    expect(await shownFileNumber(page)).toBe(fileNumber);
    // A field emptied after all still says what it lacks, in Bahasa Indonesia.
    await page.goBack();
    await page.fill('#nama', '');
    await sendButton(page).click();
    expect(
      await page.locator('#nama').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('Isian ini wajib diisi.');
    expect(new URL(page.url()).pathname).toBe(`/loket/${SOP}`);
  });

  it('a form without its intake id, or with one the page never makes, is refused by name and stores nothing', async () => {
    const { clerk, paraf } = at;
    // The clerk's session is written at its first request, before what is compared.
    await clerk.fetch(`${paraf.url}/loket`);
    const post = (fields: [string, string][]) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      return clerk.fetch(`${paraf.url}/loket/${SOP}`, { method: 'POST', body: form, redirect: 'manual' });
    };
    const application: [string, string][] = [
      ['nama', 'PT Tanpa Kode'],
      ['fakta.penandatanganWni', 'ya'],
      ['fakta.jumlahPenandatangan', '1'],
      ['fakta.penandatanganKuasaDireksi', '0'],
      ...HANDED_IN.map((id): [string, string] => ['syarat', id]),
    ];
    for (const [fields, said] of [
      [application, 'Kode formulir tidak ada'],
      [[...application, ['formulir', 'abc']], 'Kode formulir tidak dikenal'],
      [
        [...application, ['formulir', 'x'.repeat(22)], ['formulir', 'y'.repeat(22)]],
        'Isian dikirim lebih dari sekali: formulir.',
      ],
    ] as [[string, string][], string][]) {
      const answer = await expectNothingChanged(paraf, said, async () => {
        const response = await post(fields);
        return { status: response.status, text: await response.text() };
      });
      expect(answer.status, said).toBe(400);
      expect(answer.text, said).toContain(said);
      // The form drawn again carries a fresh id, so the clerk can send it once corrected.
      expect(answer.text, said).toMatch(/name="formulir" value="[A-Za-z0-9_-]{22}"/);
    }
  });

  it('the same form sent twice at once makes one case', async () => {
    const { clerk, paraf } = at;
    const page = await (await clerk.fetch(`${paraf.url}/loket/${SOP}`, { headers: { accept: 'text/html' } })).text();
    const id = /name="formulir" value="([A-Za-z0-9_-]{22})"/.exec(page)?.[1];
    expect(id, 'the form carries its intake id').toBeDefined();
    const next = await nextFileNumber();
    const post = () => {
      const form = new FormData();
      form.append('formulir', id!);
      form.append('nama', 'PT Dua Kali Klik');
      for (const [name, value] of APPLICANT) form.append(name, value);
      form.append('fakta.penandatanganWni', 'ya');
      form.append('fakta.jumlahPenandatangan', '1');
      form.append('fakta.penandatanganKuasaDireksi', '0');
      for (const item of HANDED_IN) form.append('syarat', item);
      return clerk.fetch(`${paraf.url}/loket/${SOP}`, { method: 'POST', body: form, redirect: 'manual' });
    };
    const answers = await Promise.all([post(), post(), post()]);
    expect(answers.map((answer) => answer.status)).toEqual([303, 303, 303]);
    expect(new Set(answers.map((answer) => answer.headers.get('location'))).size).toBe(1);
    const following = await peekNextNumber(
      paraf.runtime.dynamo,
      paraf.runtime.config.table,
      fileRegister(paraf.runtime.sop(SOP)),
      new Date(),
      -1,
    );
    expect(following, 'exactly one number taken').toBe(next);
  });

  it("a receipt asked for on another computer says why it does not open, and reprints with the code typed from the applicant's sheet", async () => {
    const { page, browser, paraf, credentials } = at;
    await fillApplication(page, 'PT Cetak Ulang Berkah');
    await submitByClick(page, sendButton(page));
    const fileNumber = await shownFileNumber(page);
    const code = (await page.locator('dt:has-text("Kode tanda terima") + dd').innerText()).trim();
    const address = page.url();
    // Another counter computer: signed in as the loket's official, without the receipt's cookie.
    const other = await newPersonPage(browser);
    await signInPage(other, paraf.url, credentials, 'loket');
    const answer = await other.goto(address);
    expect(answer?.status()).toBe(404);
    const said = await other.locator('main').innerText();
    expect(said).toContain('hanya terbuka di komputer loket yang mencatat berkasnya');
    expect(said).toContain('seperempat jam');
    await other.getByRole('link', { name: 'Kembali ke Loket' }).waitFor();
    await checkAtBothWidths(other, 'loket-tanda-terima-tidak-terbuka');
    // A wrong code opens nothing, and says so.
    await other.fill('#kode', 'SALAH-KODE');
    await submitByClick(other, other.getByRole('button', { name: 'Buka tanda terima' }));
    expect(await other.locator('main').innerText()).toContain('Kode tanda terima tidak cocok');
    // The code as the applicant reads it out, in small letters without its hyphen, opens it; it never sits in an address.
    await other.fill('#kode', code.replace('-', '').toLowerCase());
    await submitByClick(other, other.getByRole('button', { name: 'Buka tanda terima' }));
    expect((await other.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    expect(await shownFileNumber(other)).toBe(fileNumber);
    expect(other.url()).toBe(address);
    expect((await other.request.get(`${address}/pdf`)).status()).toBe(200);
    await other.context().close();
  });
});
