import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileRegister } from '#cases/start-case.ts';
import { peekNextNumber } from '#registry/next-number.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import { checkAtBothWidths, DESK, PHONE, submitByClick } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { fillApplicant, personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The counter takes from the applicant what the SOP's drafts will need from them: a case registered
 * with a name alone would reach its drafting step (API-U's step 7, an inspection's Surat Tugas)
 * without the NIB, NPWP, address or phone its document requires, at a step that cannot ask the
 * applicant. Over the API and on the loket's form, in Chromium at 412 and 1280 px.
 */
const at = personAtParaf('paraf-loket-pemohon-');
const API_U = 'SOP-LP2N-PPK-01';
const HANDED_IN = ['1', '2', '3', '4', '5', '6', '8', '9', '12'];

/** A complete application of the SOP with `applicant`, the drafts' data left to the drafting steps. */
const applying = (sop: string, applicant: Record<string, string>) => ({
  ...completeApplication(at.paraf.runtime.sop(sop)),
  applicant,
  form: { facts: completeApplication(at.paraf.runtime.sop(sop)).form.facts, documents: {} },
});

const nextFileNumber = (sop: string) =>
  peekNextNumber(
    at.paraf.runtime.dynamo,
    at.paraf.runtime.config.table,
    fileRegister(at.paraf.runtime.sop(sop)),
    new Date(),
  );

describe('the counter asks the applicant for what the drafts will need', () => {
  it("over the API, refuses each SOP's missing fields by label and stores nothing; takes what its drafts do not need", async () => {
    const { clerk, paraf } = at;
    // The clerk's session is written at its first request, before what is compared.
    await clerk.fetch(`${paraf.url}/loket`);
    for (const [sop, said, notSaid] of [
      [API_U, 'NIB, NPWP, Alamat dan Telepon wajib diisi', 'E-mail'],
      ['SOP-DALAK-067-009', 'NIB dan Alamat wajib diisi', 'Telepon'],
      // A revocation names the firm by the permit it acts on; without one, the applicant's.
      ['SOP-DALAK-067-013', 'NIB dan Alamat wajib diisi', 'NPWP'],
    ] as const) {
      const answer = await expectNothingChanged(paraf, sop, () =>
        clerk.submit(applying(sop, { name: 'PT Nama Saja' })),
      );
      expect(answer.status, sop).toBe(422);
      expect(answer.body.error, sop).toBe('applicant-incomplete');
      expect(answer.body.message, sop).toContain(`Data pemohon belum lengkap: ${said}`);
      expect(answer.body.message, sop).not.toContain(notSaid);
    }
    const apiU = await clerk.submit(applying(API_U, { name: 'PT Nama Saja', nib: '9120001234567' }));
    expect(apiU.body.message).toContain('NPWP, Alamat dan Telepon wajib diisi, karena dimuat dalam Angka Pengenal');
    // An SOP whose drafts take nothing from the applicant but the name asks for nothing more.
    expect((await clerk.submit(applying('SOP-DALAK-067-002', { name: 'PT Nama Saja' }))).status).toBe(201);
    // Drafts given at the intake already hold the firm's fields: nothing is left to take from the applicant.
    const drafted = { ...completeApplication(paraf.runtime.sop(API_U)), applicant: { name: 'PT Draf Lengkap' } };
    expect((await clerk.submit(drafted)).status).toBe(201);
    const complete = applying(API_U, {
      name: 'PT Lengkap Sentosa',
      nib: '9120001234567',
      npwp: '0123456789012345',
      address: 'Jalan Jenderal Sudirman Nomor 12, Samarinda',
      phone: '+62 812-3456-7890',
    });
    expect((await clerk.submit(complete)).status).toBe(201);
  });

  it('over the API, refuses an NPWP without 15 or 16 digits and a phone of dashes, naming the field', async () => {
    const { clerk, paraf } = at;
    // The clerk's session is written at its first request, before what is compared (the tests run in any order).
    await clerk.fetch(`${paraf.url}/loket`);
    const base = { name: 'PT Format', nib: '9120001234567', address: 'Jalan A', phone: '0541 123456' };
    for (const [applicant, said] of [
      [{ ...base, npwp: '01.234.567.8-722.00' }, 'NPWP harus 15 atau 16 angka'],
      [{ ...base, npwp: '01.234.567.8-722.000.01' }, 'NPWP harus 15 atau 16 angka'],
      [{ ...base, npwp: '01.234.567.8-722.000', phone: '------' }, 'nomor telepon paling sedikit 6 angka'],
    ] as const) {
      const answer = await expectNothingChanged(paraf, said, () => clerk.submit(applying(API_U, applicant)));
      expect(answer.status, said).toBe(400);
      expect(answer.body.message, said).toContain(said);
    }
  });
});

async function openForm(page: Page, sop: string) {
  await signInPage(page, at.paraf.url, at.credentials, 'loket');
  await page.goto(`${at.paraf.url}/loket/${sop}`);
}

const sendButton = (page: Page) => page.getByRole('button', { name: 'Terima berkas dan cetak tanda terima' });
const isRequired = (page: Page, id: string) =>
  page.locator(`#${id}`).evaluate((input) => (input as { required: boolean }).required);

describe("the loket's form", () => {
  it('marks required what the SOP needs, so the browser asks first', async () => {
    const { page } = at;
    await page.setViewportSize(PHONE);
    await openForm(page, API_U);
    for (const id of ['nama', 'nib', 'npwp', 'alamat', 'telepon']) expect(await isRequired(page, id), id).toBe(true);
    expect(await isRequired(page, 'email')).toBe(false);
    // What may be left empty says so, and the e-mail what leaving it empty costs the applicant.
    const label = (id: string) => page.locator(`label[for=${id}]`).innerText();
    expect(await label('email')).toBe('E-mail (boleh kosong; tanpa e-mail, pemohon tidak menerima kabar berkasnya)');
    expect(await label('nib')).toBe('NIB (13 angka)');
    await page.fill('#npwp', 'nomor saya');
    expect(
      await page
        .locator('#npwp')
        .evaluate((input) => (input as { validity: { patternMismatch: boolean } }).validity.patternMismatch),
    ).toBe(true);
    await page.check('#fakta-penandatanganWni');
    await fillApplicant(page, { phone: '' });
    await sendButton(page).click();
    expect(
      await page.locator('#telepon').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('Isian ini wajib diisi.');
    expect(new URL(page.url()).pathname).toBe(`/loket/${API_U}`);
    await openForm(page, 'SOP-DALAK-067-002');
    for (const id of ['nib', 'npwp', 'alamat', 'telepon']) expect(await isRequired(page, id), id).toBe(false);
    expect(await isRequired(page, 'nama')).toBe(true);
    expect(await label('nib')).toBe('NIB (13 angka; boleh kosong)');
    expect(await label('nama')).toBe('Nama pemohon / perusahaan');
  });

  it('refused by the server, comes back with what was typed, the missing field marked and named; sent again, it is taken', async () => {
    const { page, paraf } = at;
    await page.setViewportSize(DESK);
    await openForm(page, API_U);
    await page.check('#fakta-penandatanganWni');
    await fillApplicant(page, { name: 'PT Tanpa Telepon', phone: '' });
    for (const id of HANDED_IN) await page.check(`#syarat-${id}`);
    // A form whose browser does not check (an old page, a script): the server's check is the real one.
    await page.locator('form.card').evaluate((form) => {
      (form as { noValidate: boolean }).noValidate = true;
    });
    const next = await nextFileNumber(API_U);
    const answer = await expectNothingChanged(paraf, 'the loket refusing', () => submitByClick(page, sendButton(page)));
    expect(answer.status()).toBe(422);
    const alert = page.getByRole('alert');
    expect(await alert.isVisible()).toBe(true);
    expect(await alert.innerText()).toContain('Data pemohon belum lengkap: Telepon wajib diisi');
    expect(await page.inputValue('#nama')).toBe('PT Tanpa Telepon');
    expect(await page.inputValue('#nib')).toBe('9120001234567');
    expect(await page.inputValue('#npwp')).toBe('01.234.567.8-722.000');
    expect(await page.inputValue('#alamat')).toBe('Jalan Jenderal Sudirman Nomor 12, Samarinda');
    expect(await page.isChecked('#fakta-penandatanganWni')).toBe(true);
    expect(await page.isChecked('#syarat-12')).toBe(true);
    expect(await page.getAttribute('#telepon', 'aria-invalid')).toBe('true');
    expect(await page.locator('#telepon-salah').innerText()).toBe('Wajib diisi untuk layanan ini.');
    expect(await page.getAttribute('#nib', 'aria-invalid')).toBeNull();
    await checkAtBothWidths(page, 'loket-pemohon-kurang');
    // A wrong value is marked at its input with what is wrong, the rest kept as typed.
    await page.fill('#telepon', '------');
    expect((await submitByClick(page, sendButton(page))).status()).toBe(400);
    expect(await page.getByRole('alert').innerText()).toContain('Telepon: nomor telepon paling sedikit 6 angka');
    expect(await page.getByRole('alert').innerText()).not.toContain('applicant');
    expect(await page.getAttribute('#telepon', 'aria-invalid')).toBe('true');
    expect(await page.locator('#telepon-salah').innerText()).toBe('Nomor telepon paling sedikit 6 angka.');
    expect(await page.inputValue('#telepon')).toBe('------');
    expect(await page.inputValue('#nama')).toBe('PT Tanpa Telepon');
    // The form's one-time id was not taken by either refusal: the same form, completed, makes the case.
    await page.fill('#telepon', '0541 123456');
    await submitByClick(page, sendButton(page));
    expect((await page.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    expect(await page.locator('dt:has-text("Nomor berkas") + dd').innerText()).toBe(next);
  });
});
