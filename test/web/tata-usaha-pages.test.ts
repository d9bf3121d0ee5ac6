import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentTotp } from '#identity/totp.ts';
import { Clerk, completeApplication } from '../../scripts/clerk.ts';
import type { Page } from 'playwright-core';
import { checkAtBothWidths, DESK, PHONE, screenshot } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { approveUntil, nextLink, openUntil, signInPage, personAtParaf } from '../support/walk-case.ts';

const at = personAtParaf('paraf-tata-usaha-');

/** What a PDF says, read by pdftotext (poppler-utils), its spaces folded. */
function pdfText(bytes: Buffer): string {
  const file = join(at.dataDir, `uji-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** An API-U case submitted at the counter's API, its steps approved up to Tata Usaha's numbering (step 11). */
async function caseAtNumbering(clerk: Clerk, company: string) {
  const started = await clerk.submit(completeApplication(at.paraf.runtime.sop('SOP-LP2N-PPK-01'), company));
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const { id, fileNumber, receiptCode } = started.body as { id: string; fileNumber: string; receiptCode: string };
  return { caseId: id, fileNumber, receiptCode, numbering: await approveUntil(clerk, fileNumber, 11) };
}

/**
 * The links to a document issued once ("tanpa rangkap"): at a phone's width and a desk's each is
 * shown, inside the viewport's width (nothing cut off at the side), and pictured; each opens a PDF.
 */
async function expectSingleSheetLinks(page: Page, name: string) {
  const links = page.locator('main a', { hasText: 'tanpa rangkap' });
  expect(await links.count(), `${name}: no "tanpa rangkap" link`).toBeGreaterThan(0);
  for (const viewport of [PHONE, DESK]) {
    await page.setViewportSize(viewport);
    for (const link of await links.all()) {
      await link.scrollIntoViewIfNeeded();
      expect(await link.isVisible(), `${name}: ${await link.innerText()}`).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x, `${name} at ${viewport.width} px`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} at ${viewport.width} px: ${await link.innerText()}`).toBeLessThanOrEqual(
        viewport.width,
      );
    }
    await screenshot(page, `${name}-tanpa-rangkap-${viewport.width}`);
    // The long approval pages shrink to nothing in a full-page picture: the screen around the first link too.
    await links.first().scrollIntoViewIfNeeded();
    if (process.env.PARAF_SCREENSHOTS)
      await page.screenshot({
        path: join(process.env.PARAF_SCREENSHOTS, `${name}-tanpa-rangkap-layar-${viewport.width}.png`),
      });
  }
  await page.setViewportSize(PHONE);
  for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''))) {
    const opened = await page.request.get(new URL(href, page.url()).toString());
    expect(opened.status(), href).toBe(200);
    expect(opened.headers()['content-type'], href).toBe('application/pdf');
    expect((await opened.body()).subarray(0, 5).toString('latin1'), href).toBe('%PDF-');
  }
}

describe("Tata Usaha's pages", () => {
  it('shows the number it will give, then the number given; confirms the handover with its Bukti Serah Terima', async () => {
    const { paraf, page, credentials } = at;
    const clerk = new Clerk(paraf.url, credentials);
    const first = await caseAtNumbering(clerk, 'PT Pertama Niaga Borneo');
    const second = await caseAtNumbering(clerk, 'PT Kedua Niaga Mahakam');
    // The first case takes the register's first number, approved on its step's own page. The workflow
    // gives the number just after the answer: the answer says so, and where the number will show.
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(first.numbering.url);
    await page.fill('#kode-ttd', currentTotp(credentials['tata-usaha']!.totpSecret));
    await page.getByRole('button', { name: 'Setuju dan beri nomor registrasi' }).click();
    const whereNumber = page.locator('#nomor-diberikan');
    expect(await whereNumber.innerText()).toContain('Nomor registrasi akan diberikan oleh sistem sesaat lagi.');
    expect(await whereNumber.getByRole('link', { name: 'halaman pemberian nomor' }).getAttribute('href')).toBe(
      `/tata-usaha/nomor/${first.numbering.url.split('/a/')[1]}`,
    );
    await checkAtBothWidths(page, 'nomor-akan-diberikan');
    const firstHandover = await approveUntil(clerk, first.fileNumber, 12);

    // The second's numbering page, from Tata Usaha's list: the number it will give, reading changes nothing.
    // The step's own page says what approving does there.
    await page.goto(second.numbering.url);
    expect(await page.getByRole('button', { name: 'Setuju dan beri nomor registrasi' }).count()).toBe(1);
    // Its documents are signed by now, not drafts; the first case's, at the handover, are numbered too.
    expect(await page.locator('h2#dokumen').innerText()).toBe('Dokumen yang sudah diparaf atau ditandatangani');
    await page.goto(firstHandover.url);
    expect(await page.locator('h2#dokumen').innerText()).toBe('Dokumen yang sudah ditandatangani dan bernomor');
    await page.goto(`${paraf.url}/tata-usaha`);
    await page
      .locator('section.card', { hasText: second.fileNumber })
      .getByRole('link', { name: 'Beri nomor registrasi' })
      .click();
    const numberingUrl = page.url();
    expect(new URL(numberingUrl).pathname).toBe(`/tata-usaha/nomor/${second.numbering.url.split('/a/')[1]}`);
    const preview = (await page.locator('.nomor-berikut').innerText()).trim();
    expect(preview).toMatch(/^503\/002\/API-U\//);
    expect(await page.locator('main').innerText()).toContain('bila tidak ada dokumen lain');
    await checkAtBothWidths(page, 'nomor-pratinjau');
    await expectNothingChanged(paraf, 'GET and HEAD of the numbering page', async () => {
      expect((await page.request.get(numberingUrl)).status()).toBe(200);
      expect((await page.request.head(numberingUrl)).status()).toBe(200);
      await page.goto(numberingUrl);
    });

    // A wrong code numbers nothing: the same page comes back with the reason and the note as typed.
    const right = currentTotp(credentials['tata-usaha']!.totpSecret);
    await page.fill('#catatan', 'Diberi nomor sesuai urutan register');
    await page.fill('#kode-ttd', right === '123456' ? '654321' : '123456');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Setuju dan beri nomor registrasi' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    expect(await page.locator('#penolakan').innerText()).toContain('Kode autentikator salah');
    expect(await page.locator('#catatan').inputValue()).toBe('Diberi nomor sesuai urutan register');
    expect((await page.locator('.nomor-berikut').innerText()).trim()).toBe(preview);

    // Approved: the page says so, then shows the number given, the same as shown before, with the stamped copies.
    await page.fill('#kode-ttd', currentTotp(credentials['tata-usaha']!.totpSecret));
    await page.getByRole('button', { name: 'Setuju dan beri nomor registrasi' }).click();
    expect(await page.locator('p.ok').innerText()).toMatch(/Persetujuan tercatat|sudah diberikan/);
    // The page reloads itself while the workflow numbers and stamps, as a person would watch it.
    const given = page.locator('section.card', { hasText: 'Rangkap bernomor' }).locator('.nomor-diberikan');
    await given.waitFor({ timeout: 60_000 });
    expect((await given.innerText()).trim()).toBe(preview);
    await checkAtBothWidths(page, 'nomor-diberikan');
    const copy = await page.request.get(
      `${paraf.url}${await page.locator('section.card', { hasText: 'Rangkap bernomor' }).getByRole('link', { name: 'rangkap 2' }).getAttribute('href')}`,
    );
    expect(pdfText(Buffer.from(await copy.body()))).toContain(preview);

    // The register is gapless: the two numbers, one after the other.
    const year = /\/(\d{4})$/.exec(preview)![1];
    const register = await clerk.json(`/api/registers/api-u/${year}`);
    const entries = register.body.entries as { seq: number; number: string; caseId: string; status: string }[];
    expect(entries.map((e) => [e.seq, e.caseId, e.status])).toEqual([
      [1, first.caseId, 'terpakai'],
      [2, second.caseId, 'terpakai'],
    ]);
    expect(entries[1]!.number).toBe(preview);

    // The handover is confirmed on the page, with the Bukti Serah Terima to print.
    const collector = 'Siti Rahmawati (kuasa direksi)';
    const card = await openUntil(page, `${paraf.url}/tata-usaha`, (p) =>
      p.locator('section.card', { hasText: second.fileNumber, has: p.locator('input[name=penerima]') }),
    );
    await card.locator('input[name=penerima]').first().fill(collector);
    // Typed as it is read out from a phone: small letters, a space for the hyphen, spaces around.
    await card.locator('input[name=kode]').fill(` ${second.receiptCode.toLowerCase().replace('-', ' ')} `);
    await card.getByRole('button', { name: 'Catat penyerahan' }).click();
    expect(await page.locator('p.ok').innerText()).toContain(`diterima oleh ${collector}`);
    expect(await page.locator('dl').innerText()).toContain(preview);
    const confirmation = page.url();
    const bukti = page.getByRole('link', { name: 'Cetak Bukti Tanda Terima Surat Izin (PDF)' });
    await bukti.waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe(new URL(confirmation).pathname);
    await checkAtBothWidths(page, 'serah-terima');
    const printed = pdfText(
      Buffer.from(await (await page.request.get(`${paraf.url}${await bukti.getAttribute('href')}`)).body()),
    );
    expect(printed).toContain('BUKTI TANDA TERIMA SURAT IZIN');
    // An applicant who is the company itself is named once, not again as its company.
    expect(printed).toMatch(/Nama pemohon : PT /);
    expect(printed).not.toContain('Perusahaan :');
    // The receipt code opens the applicant's page: the archived handover receipt says it matched, and shows none of it.
    expect(printed).toContain('Kode tanda terima : diperiksa, cocok dengan tanda terima berkas');
    expect(printed).not.toContain(second.receiptCode.slice(-4));
    expect(printed).toContain(collector);
    expect(printed).toContain(preview);
    // The trail says who collected it and that the receipt matched, never the receipt code itself.
    const trail = JSON.stringify((await clerk.json(`/api/cases/${second.caseId}`)).body);
    expect(trail).toContain(`Diserahkan kepada ${collector}, kode tanda terima cocok`);
    expect(trail).not.toContain(second.receiptCode);
    // The list no longer holds it; the first case still waits for its handover.
    await page.goto(`${paraf.url}/tata-usaha`);
    expect(await page.locator('section.card', { hasText: second.fileNumber }).count()).toBe(0);
    expect(await page.locator('section.card', { hasText: first.fileNumber }).count()).toBe(1);

    // The archive record offers the same Bukti Serah Terima.
    await page.goto(`${paraf.url}/arsip/${second.caseId}.api-u`);
    const archived = page.getByRole('link', { name: 'Bukti Tanda Terima Surat Izin (PDF)' });
    const fromArchive = await page.request.get(`${paraf.url}${await archived.getAttribute('href')}`);
    expect(fromArchive.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(Buffer.from(await fromArchive.body()))).toContain(collector);
    await checkAtBothWidths(page, 'arsip-bukti', { skipTextsContaining: [' draft: '] });

    // The first applicant lost the receipt: the clerk checks an identity document instead, which the trail and the
    // handover receipt keep. Without one, nothing is handed over and what was typed stays.
    const lost = await openUntil(page, `${paraf.url}/tata-usaha`, (p) =>
      p.locator('section.card', { hasText: first.fileNumber, has: p.locator('input[name=identitas]') }),
    );
    await lost.getByText('Tanda terima hilang atau tidak dibawa').click();
    await checkAtBothWidths(page, 'serah-terima-tanpa-kode');
    await lost.locator('input[name=penerima]').nth(1).fill('Rudi Hartono');
    await lost.locator('input[name=identitas]').fill('   ');
    await lost.locator('input[name=identitas]').evaluate((input) => {
      input.removeAttribute('required');
      input.removeAttribute('minlength');
    });
    await lost.locator('input[name=kode_autentikator]').fill('000000');
    await lost.getByRole('button', { name: 'Catat penyerahan tanpa kode tanda terima' }).click();
    const again = page.locator('section.card', { has: page.locator('#penyerahan-ditolak') });
    expect(await again.locator('#penyerahan-ditolak').innerText()).toContain(
      'tulis identitas pengambil yang Anda periksa',
    );
    expect(await again.locator('details', { hasText: 'Tanda terima hilang' }).getAttribute('open')).not.toBeNull();
    expect(await again.locator('input[name=penerima]').nth(1).inputValue()).toBe('Rudi Hartono');
    await again.locator('input[name=identitas]').fill('KTP 6472011234560001; surat kuasa direksi');
    // The clerk's own authenticator code stands for the receipt's: a session left open is not enough.
    const rightNow = currentTotp(credentials['tata-usaha']!.totpSecret);
    await again.locator('input[name=kode_autentikator]').fill(rightNow === '123456' ? '654321' : '123456');
    await again.getByRole('button', { name: 'Catat penyerahan tanpa kode tanda terima' }).click();
    const wrongCode = page.locator('section.card', { has: page.locator('#penyerahan-ditolak') });
    expect(await wrongCode.locator('#penyerahan-ditolak').innerText()).toMatch(
      /^Kode autentikator salah atau sudah berganti \(kodenya berganti tiap 30 detik\)\. Penyerahan belum dicatat; .* Sisa percobaan: \d; sesudah itu kode autentikator Anda tidak diterima sampai pukul \d{2}\.\d{2} WITA\. Isian Anda masih ada di bawah\.$/,
    );
    expect(await wrongCode.locator('input[name=identitas]').inputValue()).toBe(
      'KTP 6472011234560001; surat kuasa direksi',
    );
    expect(JSON.stringify((await clerk.json(`/api/cases/${first.caseId}`)).body)).not.toContain('Rudi Hartono');
    await wrongCode.locator('input[name=kode_autentikator]').fill(currentTotp(credentials['tata-usaha']!.totpSecret));
    await wrongCode.getByRole('button', { name: 'Catat penyerahan tanpa kode tanda terima' }).click();
    expect(await page.locator('p.ok').innerText()).toContain('diterima oleh Rudi Hartono');
    const withoutCode = page.getByRole('link', { name: 'Cetak Bukti Tanda Terima Surat Izin (PDF)' });
    await withoutCode.waitFor({ timeout: 60_000 });
    const lostReceipt = pdfText(
      Buffer.from(await (await page.request.get(`${paraf.url}${await withoutCode.getAttribute('href')}`)).body()),
    );
    expect(lostReceipt).toContain('tidak ditunjukkan; identitas pengambil diperiksa: KTP 6472011234560001');
    const lostTrail = JSON.stringify((await clerk.json(`/api/cases/${first.caseId}`)).body);
    expect(lostTrail).toContain(
      'Diserahkan kepada Rudi Hartono, tanpa kode tanda terima (tanda terima tidak ditunjukkan); identitas pengambil diperiksa: KTP 6472011234560001; surat kuasa direksi',
    );
  }, 300_000);

  it('shows the link to a letter issued once ("tanpa rangkap") on its approval page, at both widths, and it opens the PDF', async () => {
    const { paraf, page, credentials } = at;
    const clerk = new Clerk(paraf.url, credentials);
    // DALAK 010's Surat Tugas (copies: 1), drafted at step 3, then before its first reviewer.
    const started = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-DALAK-067-010')));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { fileNumber } = started.body as { fileNumber: string };
    const drafting = await approveUntil(clerk, fileNumber, 3);
    expect((await clerk.decide(drafting.url, { decision: 'approve' })).status).toBe(200);
    const review = await nextLink(clerk, fileNumber);
    // Signed in as whom the step asks, so the page offers its decision and the draft.
    await page.goto(review.url);
    const asked = await page
      .locator('dt', { hasText: 'Diminta kepada' })
      .locator('xpath=following-sibling::dd[1]')
      .innerText();
    const official = paraf.runtime.staff.officials.find((o) => asked.startsWith(o.name))!;
    await signInPage(page, paraf.url, credentials, official.id);
    await page.goto(review.url);
    expect(await page.getByRole('link', { name: 'Buka PDF: Surat Tugas (tanpa rangkap)' }).count()).toBe(1);
    expect(await page.locator('h2#dokumen').innerText()).toBe('Draf dokumen');
    await expectSingleSheetLinks(page, 'persetujuan-surat-tugas');
  }, 240_000);

  it('shows the link to a letter issued once ("tanpa rangkap") on the Tata Usaha list and the numbering step approval page, at both widths, and it opens the PDF', async () => {
    const { paraf, page, credentials } = at;
    const clerk = new Clerk(paraf.url, credentials);
    // PAR-05's Surat Pengantar (copies: 1, step 7) is among the documents at Tata Usaha's numbering (step 15).
    const started = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PAR-05'), 'PT Pameran Etam'));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { fileNumber } = started.body as { fileNumber: string };
    const numbering = await approveUntil(clerk, fileNumber, 15);
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/tata-usaha`);
    const card = page.locator('section.card', { hasText: fileNumber });
    expect(await card.getByRole('link', { name: 'tanpa rangkap' }).count()).toBe(1);
    await expectSingleSheetLinks(page, 'tata-usaha-daftar');
    // The numbering page offers the numbered document's copies only; the step's approval page, every draft.
    await page.goto(numbering.url);
    expect(
      await page
        .getByRole('link', { name: 'Buka PDF: Surat Pengantar kepada Instansi / OPD Terkait (tanpa rangkap)' })
        .count(),
    ).toBe(1);
    await expectSingleSheetLinks(page, 'persetujuan-nomor-eo');
  }, 300_000);
});
