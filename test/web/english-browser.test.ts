import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { witaDateTime } from '#clock/wita.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { currentTotp } from '#identity/totp.ts';
import { DESK, PHONE, screenshot } from '../support/as-a-person.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * An office computer whose Chromium speaks English (Windows in English is common on office desks): the
 * browser draws its own controls in its own language, a file field's "Choose Files" / "No file chosen"
 * and a date field's "mm/dd/yyyy", where 03/12 reads as the twelfth of March to an Indonesian official.
 * The pages' script (/validasi.js) shows a file field as a button of Paraf's words with the names
 * chosen, and a date field, outside an Indonesian browser, as day-month-year text, while the form
 * still sends the day as YYYY-MM-DD.
 */
const at = personAtParaf('browser-english');
let english: Browser;

/** Chromium as an English desktop starts it: its controls in English. */
function launchEnglishChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync', '--lang=en-US'],
    env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en' },
  });
}

async function englishPage(viewport = PHONE): Promise<Page> {
  const context = await english.newContext({ viewport, locale: 'en-US', timezoneId: 'Asia/Makassar' });
  return context.newPage();
}

beforeAll(async () => {
  english = await launchEnglishChromium();
}, 120_000);
afterAll(() => english?.close());

const isoDay = (daysFromNow: number) => witaDateTime(new Date(Date.now() + daysFromNow * 86_400_000)).date;
const shown = (iso: string) => iso.split('-').reverse().join('-');

describe('the native controls in an English browser', () => {
  it("a file field reads Paraf's words and the names chosen, not the browser's", async () => {
    for (const viewport of [PHONE, DESK]) {
      const page = await englishPage(viewport);
      expect(await page.evaluate('navigator.language')).toBe('en-US');
      await signInPage(page, at.paraf.url, at.credentials, 'loket');
      await page.goto(`${at.paraf.url}/loket/SOP-LP2N-PPK-01`);
      const button = page.locator('label.tombol-berkas[for=lampiran]');
      expect(await button.innerText()).toBe('Pilih berkas');
      expect(await button.isVisible()).toBe(true);
      const status = page.locator('#lampiran ~ span.nama-berkas');
      // The loket sends each file as it is chosen and lists those sent: no "none chosen" above that list.
      expect(await page.locator('form[data-unggah] #lampiran').count()).toBe(1);
      expect(await status.innerText()).toBe('');
      // The browser's own button is out of sight (its words are the browser's), yet in the form and reachable by the keyboard.
      const native = (await page.locator('#lampiran').boundingBox())!;
      expect(native.width * native.height).toBeLessThanOrEqual(1);
      expect(await page.evaluate("getComputedStyle(document.getElementById('lampiran')).opacity")).toBe('0');
      await page.locator('#lampiran').focus();
      expect(await page.evaluate('document.activeElement.id')).toBe('lampiran');
      // A click on Paraf's button opens the browser's chooser, as the field's own did.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles([
        { name: 'surat permohonan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') },
        { name: 'ktp.png', mimeType: 'image/png', buffer: Buffer.from('png') },
      ]);
      expect(await status.innerText()).toBe('2 berkas dipilih: surat permohonan.pdf, ktp.png');
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `inggris-berkas-${viewport.width}`);
      await page.context().close();
    }
  });

  it('the public verification upload asks for its file in Bahasa Indonesia', async () => {
    const page = await englishPage();
    await page.goto(`${at.paraf.url}/verifikasi`);
    const field = page.locator('input[type=file]').first();
    const id = await field.getAttribute('id');
    expect(await page.locator(`label.tombol-berkas[for="${id}"]`).innerText()).toBe('Pilih berkas');
    expect(await field.evaluate((input) => (input as { validationMessage: string }).validationMessage)).toBe(
      'Pilih berkas yang akan diunggah.',
    );
    expect(await page.locator(`#${id} ~ span.nama-berkas`).innerText()).toBe('Belum ada berkas dipilih');
    const file = join(at.paraf.runtime.config.dataDir ?? '/tmp', 'bukan-izin.pdf');
    writeFileSync(file, '%PDF-1.4\n');
    await field.setInputFiles(file);
    expect(await page.locator(`#${id} ~ span.nama-berkas`).innerText()).toBe('Dipilih: bukan-izin.pdf');
    await page.context().close();
  });

  it('a NIB of the wrong form is refused with the form it should have', async () => {
    const page = await englishPage();
    await signInPage(page, at.paraf.url, at.credentials, 'loket');
    await page.goto(`${at.paraf.url}/loket/SOP-LP2N-PPK-01`);
    await page.fill('#nib', '12345');
    await page.fill('#npwp', '01.234.567.8-901.000 x');
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    expect(
      await page.locator('#nib').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('Bentuk isian belum sesuai: 13 angka');
    expect(
      await page.locator('#npwp').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('Bentuk isian belum sesuai: 15 atau 16 angka');
    expect(new URL(page.url()).pathname).toBe('/loket/SOP-LP2N-PPK-01');
    await page.context().close();
  });

  it('a date field is typed as day-month-year and reaches the server as the day it names', async () => {
    const page = await englishPage(DESK);
    await signInPage(page, at.paraf.url, at.credentials, 'kepala');
    await page.goto(`${at.paraf.url}/ketidakhadiran`);
    const from = page.locator('#dari');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('hh-bb-tttt');
    // Its label still names it.
    expect(await page.getByLabel('Tanggal mulai').getAttribute('id')).toBe('dari');
    const start = isoDay(3);
    const end = isoDay(5);
    await page.check('input[name=wakil][value="kepala:sekretaris"]');
    // A day the calendar lacks is refused before sending, in Bahasa Indonesia.
    await from.fill('31-02-2027');
    await page.getByRole('button', { name: 'Catat ketidakhadiran' }).click();
    expect(await from.evaluate((input) => (input as { validationMessage: string }).validationMessage)).toBe(
      'Tulis tanggal yang ada di kalender sebagai tanggal-bulan-tahun, misalnya 17-08-2026.',
    );
    expect(new URL(page.url()).pathname).toBe('/ketidakhadiran');
    await from.fill(shown(start));
    await page.fill('#sampai', shown(end).replaceAll('-', '/'));
    // What was typed is shown as the day it names, before anything is sent.
    expect(await page.locator('#sampai ~ span.tanggal-terbaca').first().innerText()).toBe(
      `Terbaca: ${formatTanggal(end)}`,
    );
    await page.fill('#keterangan', 'Cuti tahunan');
    await screenshot(page, 'inggris-tanggal-1280');
    await page.fill('#kode-ttd', currentTotp(at.credentials.kepala!.totpSecret));
    await page.getByRole('button', { name: 'Catat ketidakhadiran' }).click();
    expect(await page.locator('p.ok').innerText()).toContain('Ketidakhadiran dicatat');
    const row = await page.locator('tbody tr', { hasText: 'Cuti tahunan' }).innerText();
    expect(row).toContain(formatTanggal(start));
    expect(row).toContain(formatTanggal(end));
    await page.context().close();
  });

  it('a date field is day-month-year text too where the English browser asks sites for Indonesian first', async () => {
    // Common on an office desk: the browser in English, Indonesian put first among the languages sites
    // are asked for. navigator.language then says id-ID, yet the browser draws the date field in its own
    // order, mm/dd/yyyy, where 12/07/2026 reads as 12 Juli (the walk of 2026-12-07 met it so).
    const asksIndonesian = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-sync',
        '--lang=en-US',
        '--accept-lang=id-ID,id',
      ],
      env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en' },
    });
    try {
      for (const viewport of [PHONE, DESK]) {
        const page = await asksIndonesian.newPage({ viewport, timezoneId: 'Asia/Makassar' });
        expect(await page.evaluate('navigator.language')).toBe('id-ID');
        expect(await page.evaluate('Intl.DateTimeFormat().resolvedOptions().locale')).toBe('en-US');
        await signInPage(page, at.paraf.url, at.credentials, 'kepala');
        await page.goto(`${at.paraf.url}/dasbor?from=2026-12-01`);
        expect(await page.locator('#from').getAttribute('type')).toBe('text');
        expect(await page.inputValue('#from')).toBe('01-12-2026');
        await page.goto(`${at.paraf.url}/ketidakhadiran`);
        expect(await page.locator('#dari').getAttribute('type')).toBe('text');
        expect(await page.locator('#dari').getAttribute('placeholder')).toBe('hh-bb-tttt');
        await screenshot(page, `inggris-minta-indonesia-tanggal-${viewport.width}`);
        await page.close();
      }
    } finally {
      await asksIndonesian.close();
    }
  });

  it('a date field already filled shows its day as day-month-year, and the dashboard reads it back', async () => {
    const page = await englishPage();
    await signInPage(page, at.paraf.url, at.credentials, 'kepala');
    await page.goto(`${at.paraf.url}/dasbor?from=2026-11-05`);
    expect(await page.inputValue('#from')).toBe('05-11-2026');
    await page.fill('#from', '1-11-2026');
    await page.getByRole('button', { name: /Tampilkan/ }).click();
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-11-01');
    expect(await page.inputValue('#from')).toBe('01-11-2026');
    await screenshot(page, 'inggris-dasbor-412');
    await page.context().close();
  });
});
