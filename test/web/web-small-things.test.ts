import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { witaDateTime } from '#clock/wita.ts';
import { createCase, getCase } from '#records/case-records.ts';
import { putPermit, type PermitRecord } from '#records/permit-index.ts';
import { putSurvey } from '#records/survey-records.ts';
import { fillServiceLedger } from '#cases/fill-service-ledger.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { IKM_ELEMENTS, SurveySchema } from '#survey/ikm.ts';
import { type Clerk, completeApplication, type StaffCredentials } from '../../scripts/clerk.ts';
import { checkAtBothWidths, DESK, newPersonPage, PHONE, submitByClick } from '../support/as-a-person.ts';
import { copyLabels } from '../support/served-copies.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { fillApplicant, personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * Issue 16, point 7 (the pages' small things) and point 6's receipts: each checked in Chromium at
 * 412 and 1280 px, on a runtime holding one issued API-U permit and one case waiting at step 6.
 */
const at = personAtParaf('paraf-small-things-');
let paraf: LocalParaf;
let browser: Browser;
let page: Page;
let credentials: StaffCredentials;
let issued: { fileNumber: string; caseId: string };
let waiting: string;

const MONTH_DATE =
  /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** A case of API-U through every step by the HTTP API, as the pages post them, until it is done. */
async function issuePermit(clerk: Clerk): Promise<{ fileNumber: string; caseId: string }> {
  const started = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')));
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const { fileNumber, id: caseId } = started.body as { fileNumber: string; id: string };
  // The applicant's step 13 is the last asked.
  for (let step = 0; step !== 13; ) {
    const next = await clerk.nextLink(fileNumber, 120_000);
    expect(next, `the step after ${step}`).toBeDefined();
    const answer = await clerk.decide(next!.url, { decision: 'approve' });
    expect(answer.status, `${next!.subject}: ${JSON.stringify(answer.body)}`).toBe(200);
    step = next!.step;
  }
  expect((await clerk.waitForStatus(caseId, ['selesai'], 60_000)).status).toBe('selesai');
  return { fileNumber, caseId };
}

beforeAll(async () => {
  ({ paraf, browser, page, credentials } = at);
  const clerk = at.clerk;
  issued = await issuePermit(clerk);
  const second = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Kutai Sejahtera'));
  waiting = second.body.fileNumber as string;
  expect((await clerk.nextLink(waiting, 60_000))?.step).toBe(6);
}, 300_000);

/** What a PDF says, read by pdftotext (poppler-utils). */
function pdfText(bytes: Buffer): string {
  const file = join(paraf.runtime.config.dataDir ?? tmpdir(), `uji-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The element's box lies inside the viewport's width: reachable without scrolling sideways. */
async function insideWidth(locator: ReturnType<Page['locator']>, width: number) {
  const box = (await locator.boundingBox())!;
  expect(box.x, 'left edge').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(width);
}

describe('the small things of the pages, in Chromium at 412 and 1280 px', () => {
  it("Tugas saya's Buka is on screen on a phone, and the step's PDFs open by a link there", async () => {
    const official = paraf.runtime.staff.forLane('pemrosesan')[0]!.id;
    await signInPage(page, paraf.url, credentials, official);
    await page.setViewportSize(PHONE);
    await page.goto(`${paraf.url}/tugas`);
    const row = page.locator('tr', { hasText: waiting });
    const open = row.getByRole('link', { name: 'Buka' });
    await insideWidth(open, PHONE.width);
    await checkAtBothWidths(page, 'kecil-tugas');
    await open.click();
    expect(await page.locator('h1').innerText()).toContain('Langkah 6');
    // A phone shows no PDF inside a frame: a clear link opens it; at a desk the frame shows it too.
    const pdfLink = page.getByRole('link', { name: /^Buka PDF: / }).first();
    expect(await pdfLink.isVisible()).toBe(true);
    expect(await page.locator('iframe').first().isVisible()).toBe(false);
    await insideWidth(pdfLink, PHONE.width);
    const pdf = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, page.url()).href);
    // The document the link names, of this file: its text as poppler reads it, not only a PDF header.
    const file = join(tmpdir(), `paraf-kecil-${process.pid}.pdf`);
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    rmSync(file);
    expect(await pdfLink.innerText()).toContain('Bukti Tanda Terima Berkas Permohonan (rangkap 1)');
    expect(text).toContain('BUKTI TANDA TERIMA BERKAS PERMOHONAN');
    expect(text).toContain(waiting);
    expect(copyLabels(text)).toEqual([1]);
    await page.setViewportSize(DESK);
    expect(await page.locator('iframe').first().isVisible()).toBe(true);
    await page.setViewportSize(PHONE);
    await checkAtBothWidths(page, 'kecil-langkah-6');
  });

  it("a keyboard reaches the page past its menu at the first Tab, and a step's decision past its PDF previews", async () => {
    const official = paraf.runtime.staff.forLane('pemrosesan')[0]!.id;
    await signInPage(page, paraf.url, credentials, official);
    await page.setViewportSize(DESK);
    await page.goto(`${paraf.url}/tugas`);
    const focused = () =>
      page.evaluate(
        'document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim())',
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Langsung ke isi halaman');
    // Shown once focused, on screen at the top.
    const skip = page.getByRole('link', { name: 'Langsung ke isi halaman' });
    expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('isi');
    await page.keyboard.press('Tab');
    // The first control after the menu: the page's own, not the header's.
    expect(await page.evaluate('!!document.activeElement.closest("main")')).toBe(true);

    await page
      .getByRole('row', { name: new RegExp(waiting) })
      .getByRole('link', { name: 'Buka' })
      .click();
    const pastPreviews = page.getByRole('link', { name: 'Langsung ke Keputusan' });
    await pastPreviews.focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('keputusan');
    await page.keyboard.press('Tab');
    // From the heading, the next stop is the decision's own field, not a PDF viewer's control.
    expect(await page.evaluate('!!document.activeElement.closest("form")')).toBe(true);
    // A link that opens a new tab says so to a screen reader.
    expect(
      await page
        .getByRole('link', { name: /^Buka PDF: / })
        .first()
        .getAttribute('target'),
    ).toBe('_blank');
    expect(await page.getByRole('link', { name: /^Buka PDF: .*, di tab baru$/ }).count()).toBeGreaterThan(0);
    await checkAtBothWidths(page, 'kecil-lewati-ke-keputusan');
  });

  it('a refused lookup or upload comes back with the focus on its field, which points to why', async () => {
    // A visitor's page of its own: not signed in.
    const visitor = await newPersonPage(browser);
    try {
      await visitor.goto(`${paraf.url}/cek-status`);
      await visitor.fill('#berkas', 'API-U/2026/99999');
      await visitor.fill('#kode', 'ABCD-EFGH');
      await submitByClick(visitor, visitor.getByRole('button', { name: 'Cek status' }));
      const field = async (id: string) =>
        visitor.evaluate(`(() => {
          const input = document.getElementById(${JSON.stringify(id)});
          const why = document.getElementById(input.getAttribute('aria-describedby'));
          return { focused: document.activeElement === input, invalid: input.getAttribute('aria-invalid'), why: why && why.getAttribute('role') };
        })()`);
      expect(await field('berkas')).toEqual({ focused: true, invalid: 'true', why: 'alert' });
      expect(await field('kode')).toMatchObject({ invalid: 'true', why: 'alert' });
      await checkAtBothWidths(visitor, 'kecil-cek-status-ditolak');

      await visitor.goto(`${paraf.url}/verifikasi`);
      const notPdf = join(tmpdir(), `paraf-bukan-pdf-${process.pid}.pdf`);
      writeFileSync(notPdf, 'bukan PDF');
      await visitor.setInputFiles('#berkas', notPdf);
      await submitByClick(visitor, visitor.getByRole('button', { name: 'Periksa dokumen' }));
      rmSync(notPdf);
      expect(await field('berkas')).toEqual({ focused: true, invalid: 'true', why: 'alert' });
      await checkAtBothWidths(visitor, 'kecil-verifikasi-ditolak');
    } finally {
      await visitor.context().close();
    }
  });

  it('the Dasbor keeps every column readable on a phone', async () => {
    // The Dasbor and the Arsip are Tata Usaha's area.
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    const received = (await getCase(paraf.runtime.dynamo, paraf.runtime.config.table, issued.caseId))!.createdAt;
    const day = witaDateTime(new Date(received)).date;
    await page.goto(`${paraf.url}/dasbor?sop=SOP-LP2N-PPK-01&from=${day}&to=${day}`);
    await page.setViewportSize(PHONE);
    const cells = page.locator('section.card table tbody tr').first().locator('td');
    expect(await cells.count()).toBe(4);
    for (const cell of await cells.all()) {
      expect(await cell.isVisible()).toBe(true);
      await insideWidth(cell, PHONE.width);
    }
    // The standard as a person reads it (the seed's "Hari ke H- H+5" is step 13's), with what H is under the table.
    const standards = await page.locator('td[data-label="Standar SOP"]').allInnerTexts();
    expect(standards).toContain('Paling lambat H+5');
    for (const standard of standards) expect(standard).not.toMatch(/H\s*-\s*H/);
    expect(await page.locator('section.card p.bantuan').first().innerText()).toBe(
      'H: hari kerja berkas diterima; H+1: hari kerja pertama sesudahnya, dan seterusnya.',
    );
    await checkAtBothWidths(page, 'kecil-dasbor');
  });

  it('the Dasbor and the Arsip refuse a period out of order and a wrong field by their labels, with dates as people write them, keeping what was typed', async () => {
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/dasbor?from=2026-12-31&to=2026-12-01`);
    expect(await page.locator('[role=alert]').innerText()).toBe(
      'Isian belum benar: tanggal awal 31 Desember 2026 sesudah tanggal akhir 1 Desember 2026; tanggal awal harus sama dengan atau sebelum tanggal akhir',
    );
    expect([await page.inputValue('#from'), await page.inputValue('#to')]).toEqual(['2026-12-31', '2026-12-01']);
    await checkAtBothWidths(page, 'kecil-dasbor-salah');
    await page.goto(`${paraf.url}/arsip?nib=123&from=2026-12-31&to=2026-12-01`);
    const refusal = await page.locator('[role=alert]').innerText();
    expect(refusal).toBe('Isian pencarian belum benar: NIB harus 13 angka');
    expect(refusal).not.toMatch(/\b(nib|from|to)\b/);
    expect(await page.inputValue('#nib')).toBe('123');
    await checkAtBothWidths(page, 'kecil-arsip-salah');
  });

  it('the Dasbor counts a case and its survey on their WITA day, whatever the UTC date (07.30 WITA is 23.30 UTC the day before)', async () => {
    const { dynamo, config } = paraf.runtime;
    const issuedCase = (await getCase(dynamo, config.table, issued.caseId))!;
    const answers = SurveySchema.parse(Object.fromEntries(IKM_ELEMENTS.map((element) => [element.id, 4])));
    // 4 November 2026 in WITA runs from 3 November 16.00 UTC to 4 November 15.59.59,999 UTC.
    const moments = {
      'pagi-4': '2026-11-03T23:30:00.000Z',
      'awal-4': '2026-11-03T16:00:00.000Z',
      'akhir-4': '2026-11-04T15:59:59.999Z',
      'awal-5': '2026-11-04T16:00:00.000Z',
      'akhir-3': '2026-11-03T15:59:59.999Z',
    };
    for (const [name, at] of Object.entries(moments)) {
      const caseId = `uji-wita-${name}`;
      await createCase(dynamo, config.table, { ...issuedCase, caseId, fileNumber: `API-U/UJI/${name}`, createdAt: at });
      await putSurvey(dynamo, config.table, { caseId, sop: issuedCase.sop, at, answers });
    }
    // Written around the use cases, so entered in the dashboard's ledger as a table from before it is.
    const deps = {
      dynamo,
      table: config.table,
      clock: officeClock(),
      sopOf: (ref: { sop: string }) => paraf.runtime.sopOf(ref),
    };
    await fillServiceLedger(deps, issuedCase.sop);
    const counted = async (from: string, to: string) => {
      const { status, body } = await at.clerk.json(`/api/dasbor?sop=SOP-LP2N-PPK-01&from=${from}&to=${to}`);
      expect(status).toBe(200);
      const [sop] = body.sops as { received: number; ikm: { respondents: number } | null }[];
      return [sop!.received, sop!.ikm?.respondents ?? 0];
    };
    expect(await counted('2026-11-04', '2026-11-04')).toEqual([3, 3]);
    expect(await counted('2026-11-03', '2026-11-03')).toEqual([1, 1]);
    expect(await counted('2026-11-05', '2026-11-05')).toEqual([1, 1]);
    expect(await counted('2026-11-03', '2026-11-05')).toEqual([5, 5]);
    // The page's line adds up: every case received is on time, late, completed, rejected or not yet done.
    const dasbor = await (
      await at.clerk.fetch(`${paraf.url}/dasbor?sop=SOP-LP2N-PPK-01&from=2026-11-03&to=2026-11-05`)
    ).text();
    const line = /<p>Diterima (\d+) berkas · ([^<]+)<\/p>/.exec(dasbor);
    expect(line, 'no summary line').not.toBeNull();
    const parts = [...line![2]!.matchAll(/(\d+)/g)].map((m) => Number(m[1]));
    expect(line![2]).toMatch(/^selesai tepat waktu \d+ · terlambat \d+ · ditolak\/ditutup \d+ · belum selesai \d+$/);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(Number(line![1]));
  });

  it('Arsip finds a permit by its issue day in WITA, as it shows "Terbit" (07.30 WITA is 23.30 UTC the day before)', async () => {
    const { dynamo, config } = paraf.runtime;
    const [issuedPermit] = (await at.clerk.json(`/api/permits?berkas=${encodeURIComponent(issued.fileNumber)}`)).body
      .permits as PermitRecord[];
    const moments = {
      'awal-4': '2026-11-03T16:00:00.000Z',
      'pagi-4': '2026-11-03T23:30:00.000Z',
      'akhir-4': '2026-11-04T15:59:59.999Z',
      'awal-5': '2026-11-04T16:00:00.000Z',
      'akhir-3': '2026-11-03T15:59:59.999Z',
    };
    for (const [name, at] of Object.entries(moments))
      await putPermit(dynamo, config.table, {
        ...issuedPermit!,
        documentId: `uji-wita-${name}`,
        registrationNumber: `503/UJI/${name}`,
        issuedAt: at,
      });
    const found = async (from: string, to: string) => {
      const { status, body } = await at.clerk.json(`/api/permits?sop=SOP-LP2N-PPK-01&from=${from}&to=${to}`);
      expect(status).toBe(200);
      return (body.permits as PermitRecord[]).map((p) => p.documentId.replace('uji-wita-', '')).sort();
    };
    expect(await found('2026-11-04', '2026-11-04')).toEqual(['akhir-4', 'awal-4', 'pagi-4']);
    expect(await found('2026-11-03', '2026-11-03')).toEqual(['akhir-3']);
    expect(await found('2026-11-05', '2026-11-05')).toEqual(['awal-5']);
  });

  it('Arsip: Cari without criteria says what to fill; a file number finds its permit, dated and labelled for people', async () => {
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/arsip`);
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('[role=alert]').innerText()).toContain('Isi paling sedikit satu isian: nomor berkas');
    await checkAtBothWidths(page, 'kecil-arsip-kosong');
    await page.fill('#berkas', issued.fileNumber);
    await page.getByRole('button', { name: 'Cari' }).click();
    const row = page.locator('table tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').first().innerText()).toMatch(/API-U/);
    expect((await row.locator('td[data-label=Terbit]').innerText()).trim()).toMatch(MONTH_DATE);
    const labels = (await row.locator('td[data-label=Unduh] a').allInnerTexts()).map((t) => t.trim());
    expect(labels).toEqual([
      'Rangkap 1: untuk verifikasi (paraf lengkap)',
      'Rangkap 2: untuk pemohon',
      'Rangkap 3: untuk arsip',
    ]);
    expect(await page.locator('main').innerText()).not.toMatch(ISO_DATE);
    await checkAtBothWidths(page, 'kecil-arsip-berkas');
    // A file number reads its case's documents by the file alone: every other field asked still has to match.
    const byFile = async (more: string) => {
      const { status, body } = await at.clerk.json(
        `/api/permits?berkas=${encodeURIComponent(issued.fileNumber)}&${more}`,
      );
      expect(status, JSON.stringify(body)).toBe(200);
      return body.permits as PermitRecord[];
    };
    const [own] = await byFile('limit=5');
    expect(own?.caseId).toBe(issued.caseId);
    expect(await byFile(`regNo=${encodeURIComponent(own!.registrationNumber)}`)).toHaveLength(1);
    expect(await byFile(`regNo=${encodeURIComponent(`${own!.registrationNumber}-lain`)}`)).toEqual([]);
    expect(await byFile(`npwp=${own!.npwp!.replace(/\D/g, '')}`)).toHaveLength(1);
    expect(await byFile('npwp=99.999.999.9-999.999')).toEqual([]);
    expect(await byFile('status=dicabut')).toEqual([]);
    // A file number nobody was given finds nothing, and says so.
    await page.fill('#berkas', 'API-U/2026/99999');
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('main').innerText()).toContain('Tidak ada dokumen terbit yang cocok');
    // The whole number typed as people type it, in small letters with spaces around its slashes, finds it.
    await page.fill('#berkas', '');
    await page.fill('#regNo', own!.registrationNumber.toLowerCase().replaceAll('/', ' / '));
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('table tbody tr td').first().innerText()).toContain(own!.registrationNumber);
    // A part of a register number finds nothing, and the searcher is told the number is searched whole.
    await page.fill('#berkas', '');
    await page.fill('#regNo', own!.registrationNumber.split('/').slice(0, 2).join('/'));
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('main').innerText()).toContain(
      'Tidak ada dokumen terbit yang cocok. Nomor registrasi dicari utuh, seperti tertulis pada dokumen: sebagian nomor saja tidak ditemukan.',
    );
    await checkAtBothWidths(page, 'kecil-arsip-nomor-sebagian');
  });

  it('the archive record names each copy, keeps the hashes folded for the archivist, and writes dates as people do', async () => {
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/arsip?berkas=${encodeURIComponent(issued.fileNumber)}`);
    await page.locator('table a', { hasText: /API-U/ }).first().click();
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/[0-9a-f]{64}/);
    expect(await main.innerText()).not.toMatch(ISO_DATE);
    expect(await page.getByRole('link', { name: 'Unduh Rangkap 2: untuk pemohon (PDF)' }).count()).toBe(1);
    await checkAtBothWidths(page, 'kecil-arsip-rekaman');
    const hashes = page.locator('details.hashes').first();
    await hashes.locator('summary', { hasText: 'Sidik jari berkas (SHA-256)' }).click();
    expect((await hashes.locator('code').first().innerText()).trim()).toMatch(/^[0-9a-f]{64}$/);
    await checkAtBothWidths(page, 'kecil-arsip-sidik-jari');
    // A record the archive does not hold is no dead end: the page says why that may be and leads back to the search.
    const missing = await page.goto(`${paraf.url}/arsip/tidakada.imta`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toContain('Alamatnya mungkin terpotong atau salah ketik.');
    await page.getByRole('link', { name: 'Cari di arsip' }).click();
    expect(new URL(page.url()).pathname).toBe('/arsip');
  });

  it('the header follows who is looking: the public see their two pages and the way in for staff; an official sees the staff menu, their name and Keluar on every page', async () => {
    const { body } = await at.clerk.json(`/api/permits?berkas=${encodeURIComponent(issued.fileNumber)}`);
    const documentId = (body.permits as PermitRecord[])[0]!.documentId;
    const context = await browser.newContext();
    const visitor = await context.newPage();
    try {
      // A member of the public who scanned the permit's QR code.
      await visitor.goto(`${paraf.url}/verifikasi/${documentId}`);
      expect(await visitor.locator('header nav a').allTextContents()).toEqual([
        'Cek status permohonan',
        'Verifikasi dokumen',
        'Masuk petugas',
      ]);
      expect(await visitor.locator('header form').count()).toBe(0);
      await checkAtBothWidths(visitor, 'kepala-halaman-publik');

      const official = paraf.runtime.staff.forLane('pemrosesan')[0]!;
      await signInPage(visitor, paraf.url, credentials, official.id);
      for (const path of ['/tugas', `/verifikasi/${documentId}`, '/cek-status']) {
        await visitor.goto(`${paraf.url}${path}`);
        // Only the areas this official may open: a processing officer has none of the counter's or Tata Usaha's.
        expect(await visitor.locator('header nav a').allTextContents(), path).toEqual([
          'Tugas saya',
          'Cek status',
          'Kotak keluar',
        ]);
        expect(await visitor.locator('header form.akun').textContent(), path).toContain(
          `Masuk sebagai ${official.name}`,
        );
      }
      await checkAtBothWidths(visitor, 'kepala-halaman-petugas');
      // Tata Usaha sees its own areas, and the archive and dashboard it keeps.
      const clerkPage = await context.newPage();
      await signInPage(clerkPage, paraf.url, credentials, 'tata-usaha');
      expect(await clerkPage.locator('header nav a').allTextContents()).toEqual([
        'Tugas saya',
        'Tata Usaha',
        'Arsip',
        'Dasbor',
        'Cek status',
        'Kotak keluar',
      ]);
      await clerkPage.close();
      await signInPage(visitor, paraf.url, credentials, official.id);
      await visitor.goto(`${paraf.url}/tugas`);
      await visitor.locator('header').getByRole('button', { name: 'Keluar', exact: true }).click();
      await visitor.waitForURL(`${paraf.url}/?keluar=1`);
      expect(await visitor.locator('[role=status]').innerText()).toBe(
        'Anda sudah keluar. Untuk bekerja lagi, masuk kembali.',
      );
      expect(await visitor.locator('header nav a').last().textContent()).toBe('Masuk petugas');
      await visitor.goto(`${paraf.url}/tugas`);
      expect(new URL(visitor.url()).pathname).toBe('/masuk');
    } finally {
      await context.close();
    }
  });

  it('the Kotak keluar shows the text of each e-mail', async () => {
    // A staff page: sign in here rather than rely on a test before this one having done so.
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/kotak-keluar`);
    const text = page.locator('section.card pre.mail-text').first();
    expect(await text.isVisible()).toBe(true);
    expect(await text.innerText()).toMatch(/^Yth\. /);
    expect(await page.locator('main').innerText()).toContain(
      `Berkas ${waiting} (PT Kutai Sejahtera) menunggu tindakan Anda`,
    );
    // With real accounts a link is no way to act as another official: the page does not say it is.
    const notice = await page.locator('main p.notice').first().innerText();
    expect(notice).toContain('hanya dapat dipakai pejabat yang dituju, masuk dengan akunnya sendiri');
    expect(notice).not.toContain('bertindak sebagai pejabat mana pun');
    await checkAtBothWidths(page, 'kecil-kotak-keluar');
  });

  it("every fieldset of each SOP's loket form is as wide as the form gives it on a phone, a long word wrapped inside", async () => {
    await page.setViewportSize(PHONE);
    await signInPage(page, paraf.url, credentials, 'loket');
    for (const sop of paraf.runtime.catalog) {
      await page.goto(`${paraf.url}/loket/${sop.id}`);
      // API-U's "pengesahan/persetujuan/pemberitahuan" held its fieldset 14 px wider than the others.
      const boxes = (await page.evaluate(
        "[...document.querySelectorAll('form fieldset')].map((f) => ({ legend: f.querySelector('legend')?.textContent, right: Math.round(f.getBoundingClientRect().right), overflow: f.scrollWidth - f.clientWidth }))",
      )) as { legend: string; right: number; overflow: number }[];
      expect(boxes.length, sop.id).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.right, `${sop.id} ${box.legend}`).toBe(boxes[0]!.right);
        expect(box.overflow, `${sop.id} ${box.legend}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it("the browser's own form checks speak Bahasa Indonesia, in an Indonesian and in an English browser", async () => {
    const english = await (
      await browser.newContext({ viewport: PHONE, locale: 'en-US', timezoneId: 'Asia/Makassar' })
    ).newPage();
    for (const person of [page, english]) {
      await person.goto(`${paraf.url}/cek-status`);
      await person.getByRole('button', { name: 'Cek status' }).click();
      expect(new URL(person.url()).search).toBe('');
      expect(
        await person.locator('#berkas').evaluate((input) => (input as { validationMessage: string }).validationMessage),
      ).toBe('Isian ini wajib diisi.');
      // What the person types changes the message with it.
      await person.fill('#berkas', 'API-U/2026/00001');
      expect(
        await person.locator('#berkas').evaluate((input) => (input as { validationMessage: string }).validationMessage),
      ).toBe('');
    }
    await checkAtBothWidths(page, 'kecil-validasi');
    await signInPage(english, paraf.url, credentials, 'loket');
    await english.goto(`${paraf.url}/loket/SOP-LP2N-PPK-01`);
    await english.fill('#nama', 'PT Uji');
    await english.fill('#email', 'bukan alamat');
    await english.getByRole('button', { name: 'Terima berkas' }).click();
    expect(
      await english.locator('#email').evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('Tulis alamat e-mail yang benar, misalnya nama@kaltimprov.go.id.');
    expect(new URL(english.url()).pathname).toBe('/loket/SOP-LP2N-PPK-01');
    await english.context().close();
  });

  it('every DALAK activity gives its receipt as a page and as a PDF', async () => {
    await signInPage(page, paraf.url, credentials, 'loket');
    const dalak = paraf.runtime.catalog.filter((sop) => sop.family === 'control');
    expect(dalak.length).toBe(14);
    const receipts: string[] = [];
    for (const sop of dalak) {
      await page.goto(`${paraf.url}/loket/${sop.id}`);
      // Every applicant field, as the inspections and revocations (without a permit named) need the NIB and address.
      await fillApplicant(page, { name: 'PT Sinar Mahakam Properti' });
      for (const box of await page.locator('input[name=syarat]').all()) if (await box.isVisible()) await box.check();
      await page.getByRole('button', { name: 'Terima berkas' }).click();
      expect((await page.locator('h1').innerText()).trim(), sop.id).toBe('Tanda terima berkas');
      const main = await page.locator('main').innerText();
      expect(main, sop.id).not.toContain('Janji selesai -');
      expect(main, sop.id).toContain('Waktu penyelesaian');
      // No heading over an empty list.
      for (const heading of await page.locator('main h2').all())
        expect(
          await heading.evaluate((h) =>
            (h as { nextElementSibling: { textContent: string } | null }).nextElementSibling?.textContent?.trim(),
          ),
          sop.id,
        ).toBeTruthy();
      const fileNumber = (await page.locator('dt:has-text("Nomor berkas") + dd').innerText()).trim();
      await checkAtBothWidths(page, `kecil-tanda-terima-${sop.id}`);
      const href = (await page.getByRole('link', { name: 'Unduh tanda terima (PDF)' }).getAttribute('href'))!;
      const pdf = await page.request.get(`${paraf.url}${href}`);
      expect(pdf.status(), sop.id).toBe(200);
      expect(pdf.headers()['content-type'], sop.id).toBe('application/pdf');
      const text = pdfText(await pdf.body());
      expect(text, sop.id).toContain('BUKTI TANDA TERIMA BERKAS');
      expect(text, sop.id).toContain(fileNumber);
      expect(text, sop.id).toContain(sop.title.slice(0, 30));
      expect(text, sop.id).not.toMatch(ISO_DATE);
      // The receipt code guards it: without it, nothing.
      const guessed = await expectNothingChanged(paraf, 'a receipt asked with a wrong code', () =>
        page.request.get(`${paraf.url}${href}?kode=SALAH`),
      );
      expect(guessed.status()).toBe(404);
      // The code stays out of the addresses a shared counter computer keeps in its history: the page's own and
      // its links; it reaches the receipt in a cookie of this browser only.
      const code = (await page.locator('dt:has-text("Kode tanda terima") + dd').innerText()).trim();
      expect(page.url(), sop.id).not.toContain(code);
      for (const link of await page.locator('main a').all())
        expect(await link.getAttribute('href'), sop.id).not.toContain(code);
      const elsewhere = await fetch(`${paraf.url}${new URL(page.url()).pathname}`, {
        headers: {
          cookie: (await page.context().cookies())
            .map((c) => `${c.name}=${c.value}`)
            .filter((c) => c.startsWith('paraf_sesi'))
            .join('; '),
        },
      });
      expect(elsewhere.status, sop.id).toBe(404);
      receipts.push(new URL(page.url()).pathname);
    }
    // Each receipt keeps its own code: the first one still opens, as a page and a PDF, after thirteen more.
    expect((await page.request.get(`${paraf.url}${receipts[0]}`)).status()).toBe(200);
    expect((await page.request.get(`${paraf.url}${receipts[0]}/pdf`)).status()).toBe(200);
  }, 240_000);
});
