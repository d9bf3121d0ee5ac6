import { witaDateTime } from '#clock/wita.ts';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { findCaseByFileNumber } from '#cases/find-case-by-file-number.ts';
import { getCase } from '#records/case-records.ts';
import { getLink } from '#records/links.ts';
import { Clerk, completeApplication, type StaffCredentials } from '../../scripts/clerk.ts';
import { currentTotp } from '#identity/totp.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { checkAtBothWidths, PHONE, submitByClick } from '../support/as-a-person.ts';
import { approveOnPage } from '../support/paraf-pages.ts';
import { expectServedCopies, fingerprintsShown } from '../support/served-copies.ts';
import { fillApplicant, openUntil, personAtParaf, signInPage } from '../support/walk-case.ts';

const at = personAtParaf('paraf-browser-');
const dataDir = at.dataDir;
let paraf: LocalParaf;
let page: Page;
let credentials: StaffCredentials;

beforeAll(() => {
  ({ paraf, page, credentials } = at);
});

/** What a PDF says, read by pdftotext (poppler-utils). */
function pdfText(bytes: Buffer): string {
  const file = join(dataDir, `uji-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const signIn = (official: string) => signInPage(page, paraf.url, credentials, official);

/** The link of the newest e-mail about this file asking for `step`, read from the outbox page like a newcomer would. */
async function linkFromOutbox(fileNumber: string, step: number): Promise<string> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    await page.goto(`${paraf.url}/kotak-keluar`);
    const mail = page.locator('section.card', { hasText: `Berkas ${fileNumber}: langkah ${step} menunggu` }).first();
    if (await mail.count()) return (await mail.locator('a').first().getAttribute('href'))!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail for ${fileNumber} step ${step}`);
}

async function approveStep(fileNumber: string, step: number, official: string, before?: (page: Page) => Promise<void>) {
  await signIn(official);
  await page.goto(await linkFromOutbox(fileNumber, step));
  expect(await page.locator('h1').innerText()).toContain(`Langkah ${step}`);
  if (before) await before(page);
  // A paraf or a signature asks for the signer's own authenticator code.
  await approveOnPage(page, credentials, official);
  expect(await page.locator('p.ok').innerText()).toContain('disetujui');
}

describe('an API-U case through the pages, in Chromium', () => {
  it('goes from the loket to the arsip and the verification page', async () => {
    const clerk = new Clerk(paraf.url, credentials);
    await signIn('loket');
    await page.goto(`${paraf.url}/loket/SOP-LP2N-PPK-01`);
    // Conditional items appear only when their circumstance is ticked.
    await expect(page.locator('#syarat-7-item').isVisible()).resolves.toBe(false);
    await page.check('#fakta-penandatanganWna');
    await expect(page.locator('#syarat-7-item').isVisible()).resolves.toBe(true);
    await page.uncheck('#fakta-penandatanganWna');
    await page.check('#fakta-penandatanganWni');
    await expect(page.locator('#syarat-8-item').isVisible()).resolves.toBe(true);
    await fillApplicant(page, { email: 'pemohon@mahakam.test' });
    // A missing requirement is named, and nothing is stored.
    await page.check('#syarat-1');
    // The whole stored state, not an empty outbox: another test of this file may have run first.
    await expectNothingChanged(paraf, 'an incomplete intake', async () => {
      await page.getByRole('button', { name: 'Terima berkas' }).click();
      const said = await page.locator('[role=alert]').innerText();
      expect(said).toContain('Berkas belum lengkap');
      // What the clerk does next is said with it.
      expect(said).toContain('Bila pemohon membawanya, centang pada daftar persyaratan lalu kirim lagi');
    });
    for (const id of ['2', '3', '4', '5', '6', '8', '9', '12']) await page.check(`#syarat-${id}`);
    await page.setInputFiles('#lampiran', {
      name: 'akta.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 akta pendirian'),
    });
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    // The file goes to the uploads bucket as it is chosen; the submit waits for it if it is still on its way.
    await page.waitForURL(/\/loket\/tanda-terima\//);
    expect((await page.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    const fileNumber = (await page.locator('dt:has-text("Nomor berkas") + dd').innerText()).trim();
    const code = (await page.locator('dt:has-text("Kode tanda terima") + dd').innerText()).trim();
    expect(fileNumber).toMatch(/^API-U\/20\d\d\/\d{5}$/);
    // The receipt names the SOP's complaint channels (API-U section Q).
    expect(await page.locator('#pengaduan-judul + ul').innerText()).toContain(
      'Melalui pengisian lembar pengaduan & masukan pelayanan di kotak saran',
    );
    await checkAtBothWidths(page, 'receipt');

    // A bare GET and a HEAD of the approval link change nothing.
    const first = await linkFromOutbox(fileNumber, 6);
    const linkId = first.split('/a/')[1]!;
    const link = (await getLink(paraf.runtime.dynamo, 'paraf', linkId))!;
    expect(link.status).toBe('waiting');
    const caseId = link.caseId;
    // The whole stored state: every item (the link, the case, its trail), archived object, e-mail and execution file.
    await signIn('pemrosesan');
    await expectNothingChanged(paraf, 'GET, HEAD and opening the approval link in Chromium', async () => {
      expect((await page.request.get(first)).status()).toBe(200);
      expect((await page.request.head(first)).status()).toBe(200);
      await page.goto(first);
      await page.locator('button', { hasText: 'Setuju' }).waitFor({ state: 'visible' });
    });

    await approveStep(fileNumber, 6, 'pemrosesan');
    // The drafter completes the form the loket's data prefilled (test/documents/draft-forms.test.ts checks it in detail).
    await approveStep(fileNumber, 7, 'pemrosesan', async (p) => {
      expect(await p.locator('#isian-api-u-perusahaan-nama').inputValue()).toBe('PT Mahakam Niaga Sentosa');
      await p.check('#isian-api-u-jenisPermohonan');
      await p.fill('#isian-api-u-perusahaan-telepon', '(0541) 736 210');
      await p.fill('#isian-api-u-penanggungJawab-nama', 'Hj. Rahmawati Saleh');
      await p.fill('#isian-api-u-penanggungJawab-jabatan', 'Direktur Utama');
      await p.fill('#isian-api-u-bagianBarang-0-bagian', 'Bagian XVI');
      await p.fill('#isian-api-u-bagianBarang-0-uraian', 'Mesin dan peralatan mekanis; perlengkapan listrik');
      await p.fill('#isian-api-u-penandatanganDokumenImpor-0-nama', 'Hj. Rahmawati Saleh');
      await p.fill('#isian-api-u-penandatanganDokumenImpor-0-jabatan', 'Direktur Utama');
      await p.check('#isian-api-u-penandatanganDokumenImpor-0-kewarganegaraan');
    });

    // The Kasi, signed in, finds the step in Tugas saya.
    await signIn('kasi-layanan');
    await page.goto(`${paraf.url}/tugas`);
    expect(await page.locator('table').innerText()).toContain(fileNumber);
    await page.locator('tr', { hasText: fileNumber }).getByRole('link', { name: 'Buka' }).click();
    expect(await page.locator('iframe').count()).toBe(2); // the receipt and the API-U draft
    await approveStep(fileNumber, 8, 'kasi-layanan');
    await approveStep(fileNumber, 9, 'kabid-layanan');
    await approveStep(fileNumber, 10, 'kepala');
    await signIn('tata-usaha');

    // Tata Usaha gives the number from its page, downloads the copies, records the handover.
    await (
      await openUntil(page, `${paraf.url}/tata-usaha`, (p) =>
        p.locator('section.card', { hasText: fileNumber }).getByRole('link', { name: 'Beri nomor registrasi' }),
      )
    ).click();
    await page.fill('#kode-ttd', currentTotp(credentials['tata-usaha']!.totpSecret));
    await submitByClick(
      page,
      page.locator('form.card', { has: page.locator('input[value=approve]') }).locator('button'),
    );
    await page.locator('p.ok').waitFor({ state: 'visible' });
    const handover = await openUntil(page, `${paraf.url}/tata-usaha`, (p) =>
      p.locator('section.card', { has: p.locator('input[name=penerima]') }),
    );
    await checkAtBothWidths(page, 'tata-usaha');
    expect(await handover.innerText()).toMatch(/503\/\d{3}\/API-U\//);
    // The permit's copy 2 as Tata Usaha downloads it to hand over (the receipt's links come first): compared below
    // with what the verification page shows for it.
    const copyTwo = (await handover.getByRole('link', { name: 'rangkap 2' }).nth(1).getAttribute('href'))!;
    expect(copyTwo).toContain('/api-u/2');
    const handedOver = await (await page.request.get(`${paraf.url}${copyTwo}`)).body();
    await handover.locator('input[name=penerima]').first().fill('Budi Santoso (kuasa direksi)');
    await handover.locator('input[name=kode]').fill('SALAH-KODE');
    await handover.locator('input[name=catatan]').first().fill('Membawa surat kuasa');
    await handover.getByRole('button', { name: 'Catat penyerahan' }).click();
    // The list comes back with the reason in that permit's card, the name and note as typed, the code to type again.
    const retry = page.locator('section.card', { has: page.locator('#penyerahan-ditolak') });
    expect(await retry.locator('#penyerahan-ditolak').innerText()).toContain('Kode tanda terima tidak cocok');
    expect(await retry.locator('input[name=penerima]').first().inputValue()).toBe('Budi Santoso (kuasa direksi)');
    expect(await retry.locator('input[name=catatan]').first().inputValue()).toBe('Membawa surat kuasa');
    expect(await retry.locator('input[name=kode]').inputValue()).toBe('');
    // The code field is focused, so a long list scrolls to the card.
    expect(
      await retry.locator('input[name=kode]').evaluate((input) => input === input.ownerDocument.activeElement),
    ).toBe(true);
    await checkAtBothWidths(page, 'serah-terima-ditolak');
    // The refused form's address opened again (Enter in the address bar) leads back to the list, not to "not found".
    const reopened = await page.goto(page.url());
    expect(reopened?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/tata-usaha');
    await handover.locator('input[name=penerima]').first().fill('Budi Santoso (kuasa direksi)');
    await handover.locator('input[name=catatan]').first().fill('Membawa surat kuasa');
    await handover.locator('input[name=kode]').fill(code.toLowerCase());
    await handover.getByRole('button', { name: 'Catat penyerahan' }).click();
    // The applicant receives the permit and answers the satisfaction survey at step 13 on their own page (opened with
    // the file number and the receipt code): it tells them their rights and duties (the seed's list, with the duty to
    // report to Bidang Dalak) and where to complain. The front office's link of the step points there, and serves the
    // handover receipt the applicant signs, naming the collector and the same rights and duties.
    await signIn('loket');
    const frontOffice = await linkFromOutbox(fileNumber, 13);
    const receipt = await page.request.get(`${frontOffice}/dokumen/tanda-terima-penyerahan`);
    expect(receipt.status()).toBe(200);
    const text = pdfText(await receipt.body());
    expect(text).toContain('BUKTI TANDA TERIMA SURAT IZIN');
    expect(text).toContain('Budi Santoso (kuasa direksi)');
    expect(text).toMatch(/503\/\d{3}\/API-U\//);
    expect(text).toContain('(Bidang Dalak)');
    await page.goto(frontOffice);
    expect(await page.locator('#langkah-pemohon').innerText()).toContain('halaman pemohon');
    // Its link names the file only: the page asks for the receipt code, and says nothing was not found.
    const own = await page.locator('#langkah-pemohon a').getAttribute('href');
    const asked = await page.request.get(`${paraf.url}${own}`);
    expect(asked.status()).toBe(200);
    const askedText = await asked.text();
    expect(askedText).toContain('Kode tanda terima');
    expect(askedText).toContain(`value="${fileNumber}"`);
    expect(askedText).not.toContain('role="alert"');
    await checkAtBothWidths(page, 'langkah-13-loket');
    await openUntil(page, `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber)}&kode=${code}`, (p) =>
      p.locator('#konfirmasi'),
    );
    expect(await page.locator('#hak-judul + ul').innerText()).toContain(
      'Kewajiban pelaporan dan bersedia untuk dilakukan pengawasan / monitoring dari pihak DPMPTSP (Bidang Dalak)',
    );
    expect(await page.locator('#pengaduan-judul + ul').innerText()).toContain('kotak saran');
    await checkAtBothWidths(page, 'langkah-13-pemohon');
    for (let element = 1; element <= 9; element += 1)
      await page.check(`input[name=u${element}][value="${element === 3 ? 3 : 4}"]`);
    await page.fill('#saran', 'Pelayanan cepat dan jelas');
    await page.getByRole('button', { name: 'Konfirmasi penerimaan dan kirim survei' }).click();
    expect(await page.locator('p.ok').innerText()).toContain('sudah dicatat');

    // The dashboard: one case received on its day, on time, its steps timed, the survey in the IKM.
    // The period is the case's own day, named (not "this month", which a run across a month's end would leave).
    const receivedOn = witaDateTime(new Date((await getCase(paraf.runtime.dynamo, 'paraf', caseId))!.createdAt)).date;
    const dasbor = `sop=SOP-LP2N-PPK-01&from=${receivedOn}&to=${receivedOn}`;
    let dashboard:
      | {
          received: number;
          onTime: number;
          late: number;
          steps: { step: number; decisions: number }[];
          ikm: { respondents: number; index: number; grade: string } | null;
        }
      | undefined;
    for (const until = Date.now() + 60_000; Date.now() < until && !dashboard?.onTime; ) {
      dashboard = ((await clerk.json(`/api/dasbor?${dasbor}`)).body.sops as (typeof dashboard)[]).at(0);
      if (!dashboard?.onTime) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(dashboard).toMatchObject({
      received: 1,
      onTime: 1,
      late: 0,
      ikm: { respondents: 1, index: 97.22, grade: 'A' },
    });
    expect(dashboard!.steps.map((s) => s.step)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    expect((await findCaseByFileNumber(paraf.runtime.dynamo, 'paraf', paraf.runtime.catalog, fileNumber))!.caseId).toBe(
      caseId,
    );
    await page.goto(`${paraf.url}/dasbor?${dasbor}`);
    await checkAtBothWidths(page, 'dasbor');
    expect(await page.locator('main').innerText()).toContain('97,22 (A, Sangat baik) dari 1 responden');
    // The step table says what its numbers count.
    expect(await page.locator('th', { hasText: 'Jumlah keputusan' }).count()).toBeGreaterThan(0);

    // The applicant's status check.
    let done = false;
    for (const until = Date.now() + 60_000; Date.now() < until && !done; ) {
      await page.goto(`${paraf.url}/cek-status?berkas=${encodeURIComponent(fileNumber)}&kode=${code}`);
      done = (await page.locator('#keadaan h2', { hasText: 'Sudah diserahkan' }).count()) > 0;
      if (!done) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(done).toBe(true);
    expect(await page.locator('#pengaduan-judul + ul').innerText()).toContain(
      'Melalui media SMS, Telp atau pengaduan / keluhan langsung kepada Petugas terkait',
    );
    await checkAtBothWidths(page, 'cek-status');
    await page.goto(`${paraf.url}/cek-status?berkas=${encodeURIComponent(fileNumber)}&kode=SALAH-KODE`);
    expect(await page.locator('[role=alert]').innerText()).toContain('tidak ditemukan');

    // Arsip: by company name, then the record with its trail and hashes, then the public verification.
    await page.goto(`${paraf.url}/arsip`);
    await page.fill('#nama', 'mahakam niaga');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.locator('table a', { hasText: /API-U/ }).first().click();
    expect(await page.locator('main').innerText()).toContain('Diserahkan kepada Budi Santoso (kuasa direksi)');
    expect(await page.locator('main').innerText()).toContain('Langkah 8: Setuju dan paraf');
    await checkAtBothWidths(page, 'arsip-record');
    // The hashes are folded away for the archivist ("Sidik jari berkas (SHA-256)").
    await page.locator('details.hashes summary').first().click();
    const hash = (await page.locator('details.hashes code').first().innerText()).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('link', { name: 'Halaman verifikasi publik' }).click();
    await checkAtBothWidths(page, 'verifikasi');
    expect(await page.locator('main').innerText()).toContain('SAH dan berlaku');
    // The public page keeps the hashes under its closed technical details, for whoever checks them.
    expect(await page.locator('main').innerText()).not.toContain(hash);
    await page.getByText('Rincian teknis untuk pemeriksa').click();
    expect(await page.locator('main').innerText()).toContain(hash);
    // Each copy, as served: its label, its SHA-256 as the verification page shows it, pdfsig trusting the office CA.
    const permits = (await clerk.json('/api/permits?nib=9120001234567&sop=SOP-LP2N-PPK-01')).body.permits as {
      documentId: string;
    }[];
    const permit = permits.find((p) => p.documentId.startsWith(caseId));
    expect(permit, JSON.stringify(permits)).toBeDefined();
    await expectServedCopies(clerk, permit!.documentId, dataDir, [4, 2, 2]);
    expect(createHash('sha256').update(handedOver).digest('hex')).toBe(
      (await fingerprintsShown(paraf.url, permit!.documentId)).get(2),
    );
  }, 480_000);

  it("shows the SOPs' kualifikasi pelaksana beside the staff of each lane on the staff directory check", async () => {
    await signIn('kepala');
    await page.goto(`${paraf.url}/direktori-staf`);
    await page.selectOption('#sop', 'SOP-LP2N-PPK-01');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    const section = page.locator('section.card', { hasText: 'SOP-LP2N-PPK-01' });
    expect(await section.locator('ul.kualifikasi').innerText()).toContain(
      'Lulus Diklat PTSP di bidang Penanaman Modal minimal tingkat dasar',
    );
    expect(await section.locator('tr', { hasText: 'Petugas Tata Usaha' }).innerText()).toContain(
      paraf.runtime.staff.forLane('tata-usaha')[0]!.name,
    );
    await checkAtBothWidths(page, 'direktori-staf');
    // On a phone each officer's line, with the NIP, is on screen: the table stacks instead of scrolling.
    const before = page.viewportSize()!;
    await page.setViewportSize(PHONE);
    const wrap = section.locator('.table-wrap');
    const [scrollWidth, clientWidth] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth, 'the table scrolls sideways inside its frame').toBeLessThanOrEqual(clientWidth);
    await page.setViewportSize(before);
    await page.goto(`${paraf.url}/direktori-staf?sop=SOP-DALAK-067-013`);
    expect(await page.locator('ul.kualifikasi').innerText()).toContain('Mengetahui tata cara pencabutan perizinan');
  });

  it('prefills the "Mengingat" of DALAK 013\'s SK Pencabutan with the SOP\'s dasar hukum', async () => {
    const clerk = new Clerk(paraf.url, credentials);
    const sop = paraf.runtime.sop('SOP-DALAK-067-013');
    // Who each step is asked of: the first official of its lane, as request-action chooses.
    const officialOf = (step: number) => paraf.runtime.staff.forLane(sop.steps.find((s) => s.no === step)!.lane)[0]!.id;
    const application = completeApplication(sop, 'PT Sinar Mahakam Properti');
    application.form.documents = {};
    const started = await clerk.submit(application);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = (started.body as { fileNumber: string }).fileNumber;
    await approveStep(fileNumber, 1, officialOf(1));
    await signIn(officialOf(2));
    await page.goto(await linkFromOutbox(fileNumber, 2));
    const mengingat = page.locator('[name^="dokumen[sk-pencabutan][mengingat]"]');
    expect(await mengingat.evaluateAll((fields) => fields.map((field) => (field as { value: string }).value))).toEqual(
      sop.sections.dasarHukum,
    );
    expect(await mengingat.first().inputValue()).toBe('Undang-undang Nomor 11 Tahun 2020 tentang Cipta Kerja');
    expect(await page.locator('main').innerText()).toContain('sudah diisi dari Dasar Hukum SOP SOP-DALAK-067-013');
    await checkAtBothWidths(page, 'sk-mengingat');
  }, 60_000);
});
