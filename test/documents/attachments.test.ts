import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listEvents } from '#records/case-records.ts';
import { Clerk, exampleDraft } from '../../scripts/clerk.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { approveUntil, fillApplicant, nextLink, signInPage, personAtParaf } from '../support/walk-case.ts';

const at = personAtParaf('paraf-lampiran-');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A one-page PDF saying `text`, as a scanner would hand one in. */
async function scannedPdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 18, font });
  return Buffer.from(await pdf.save());
}

/** A 1x1 PNG; `extra` bytes after its end make another file that shows the same. */
const png = (extra = '') =>
  Buffer.concat([
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
    Buffer.from(extra),
  ]);

/** The files listed in the page's attachments section, by name, with their view and download addresses. */
async function listed(p: Page) {
  const items = p.locator('#lampiran ul.lampiran > li');
  const rows: { name: string; view: string; download: string }[] = [];
  for (const item of await items.all())
    rows.push({
      name: (await item.locator('strong').innerText()).trim(),
      view: (await item.getByRole('link', { name: 'Lihat' }).getAttribute('href'))!,
      download: (await item.getByRole('link', { name: 'Unduh' }).getAttribute('href'))!,
    });
  return rows;
}

/** Downloads every listed file as the signed-in page and expects the bytes that were uploaded under that name. */
async function expectListedBytes(p: Page, files: Record<string, Buffer>) {
  const rows = await listed(p);
  expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(files).sort());
  for (const row of rows) {
    const answer = await p.request.get(`${at.paraf.url}${row.download}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-disposition']).toMatch(
      /^attachment; filename="[A-Za-z0-9._()-]+"; filename\*=UTF-8''/,
    );
    expect(Buffer.from(await answer.body()).equals(files[row.name]!), `${row.name}: the bytes uploaded`).toBe(true);
  }
  return rows;
}

describe('attachments, from the loket to the archive', () => {
  it('lists, shows and serves the files handed in, takes a correction, refuses a bad file', async () => {
    const { paraf, page, credentials } = at;
    const clerk = new Clerk(paraf.url, credentials);
    const akta = await scannedPdf('Akta pendirian PT Mahakam Niaga Sentosa');
    const foto = png();
    const fotoBaru = png('foto baru');
    const npwp = await scannedPdf('NPWP PT Mahakam Niaga Sentosa');

    // The loket takes two files; the receipt lists them.
    await signInPage(page, paraf.url, credentials, 'loket');
    await page.goto(`${paraf.url}/loket/SOP-LP2N-PPK-01`);
    await page.check('#fakta-penandatanganWni');
    await fillApplicant(page, { email: 'pemohon@mahakam.test' });
    for (const id of ['1', '2', '3', '4', '5', '6', '8', '9', '12']) await page.check(`#syarat-${id}`);
    await page.setInputFiles('#lampiran', [
      { name: 'akta pendirian.pdf', mimeType: 'application/pdf', buffer: akta },
      { name: 'foto kantor.png', mimeType: 'image/png', buffer: foto },
    ]);
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    // The files go to the uploads bucket as they are chosen; the submit waits for any still on their way.
    await page.waitForURL(/\/loket\/tanda-terima\//);
    expect((await page.locator('h1').innerText()).trim()).toBe('Tanda terima berkas');
    const caseId = new URL(page.url()).pathname.split('/').at(-1)!;
    const fileNumber = (await page.locator('dt:has-text("Nomor berkas") + dd').innerText()).trim();
    const uploaded = { 'akta pendirian.pdf': akta, 'foto kantor.png': foto };
    const [first] = await expectListedBytes(page, uploaded);
    await checkAtBothWidths(page, 'lampiran-tanda-terima');

    // Nobody signed in gets nothing, by GET or HEAD.
    const anonymous = await fetch(`${paraf.url}${first!.download}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/masuk\?lanjut=/);
    expect(Buffer.from(await anonymous.arrayBuffer()).includes(akta)).toBe(false);
    const head = await fetch(`${paraf.url}${first!.download}`, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(401);
    expect(head.headers.get('content-type')).not.toMatch(/pdf/);

    // The verification step shows them first, each in the page, and reading them changes nothing.
    const six = await nextLink(clerk, fileNumber);
    expect(six.step).toBe(6);
    await signInPage(page, paraf.url, credentials, await clerk.recipientOf(six.url));
    await expectNothingChanged(paraf, 'opening the verification step and its attachments', async () => {
      await page.goto(six.url);
      for (const row of await listed(page)) {
        expect((await page.request.get(`${paraf.url}${row.view}`)).headers()['content-disposition']).toMatch(
          /^inline;/,
        );
        expect((await page.request.head(`${paraf.url}${row.download}`)).status()).toBe(200);
      }
    });
    const text = await page.locator('main').innerText();
    expect(text.indexOf('Lampiran berkas (2)')).toBeGreaterThan(-1);
    expect(text.indexOf('Lampiran berkas (2)')).toBeLessThan(text.indexOf('Keputusan'));
    expect(await page.locator('#lampiran iframe').count()).toBe(1);
    await page.locator('#lampiran img.pratinjau').waitFor({ state: 'visible' });
    // The image is shown, not only linked: the browser decoded it.
    await expect
      .poll(() =>
        page
          .locator('#lampiran img.pratinjau')
          .evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1);
    await expectListedBytes(page, uploaded);
    await checkAtBothWidths(page, 'lampiran-verifikasi');

    // The file goes back to the applicant; the front office's correction link takes the new files.
    const returned = await clerk.decide(six.url, {
      decision: 'return',
      returnTo: 'applicant',
      note: 'NPWP belum dilampirkan; foto kantor tidak jelas',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const correction = await nextLink(clerk, fileNumber);
    await signInPage(page, paraf.url, credentials, await clerk.recipientOf(correction.url));
    await page.goto(correction.url);
    await checkAtBothWidths(page, 'lampiran-perbaikan');

    // A file that is not what its name says is refused, in Indonesian, and nothing changes.
    await page.setInputFiles('#tambah', {
      name: 'npwp.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('bukan pdf'),
    });
    // The file goes to the uploads bucket as it is chosen; its name and type pass, its first bytes are checked at saving.
    await expect.poll(() => page.locator('#unggahan-daftar').innerText()).toContain('terunggah');
    await expectNothingChanged(paraf, 'a refused correction file', async () => {
      await page.getByRole('button', { name: 'Simpan lampiran' }).click();
      expect(await page.locator('p.error').innerText()).toContain('Lampiran "npwp.pdf" isinya bukan PDF');
    });
    await checkAtBothWidths(page, 'lampiran-ditolak');

    // One file added, one replaced: the trail names each with its SHA-256.
    await page.goto(correction.url);
    await page.setInputFiles('#tambah', { name: 'npwp.pdf', mimeType: 'application/pdf', buffer: npwp });
    await page.setInputFiles(`input[name="ganti-${sha256(foto)}"]`, {
      name: 'foto kantor baru.png',
      mimeType: 'image/png',
      buffer: fotoBaru,
    });
    await page.getByRole('button', { name: 'Simpan lampiran' }).click();
    // The script sends the form once both uploads are done ("Menunggu lampiran selesai diunggah" meanwhile).
    await page.locator('p.ok', { hasText: 'Lampiran tersimpan' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('main').innerText()).toContain(sha256(npwp));
    expect(await page.locator('main').innerText()).toContain(sha256(fotoBaru));
    await checkAtBothWidths(page, 'lampiran-tersimpan');
    const trail = await listEvents(paraf.runtime.dynamo, 'paraf', caseId);
    const added = trail.find((e) => e.action === 'Lampiran ditambahkan pada perbaikan berkas: npwp.pdf');
    expect(added?.notes).toBe(`SHA-256 ${sha256(npwp)}`);
    const replaced = trail.find(
      (e) => e.action === 'Lampiran diganti pada perbaikan berkas: foto kantor.png diganti foto kantor baru.png',
    );
    expect(replaced?.notes).toBe(`SHA-256 ${sha256(fotoBaru)}; menggantikan SHA-256 ${sha256(foto)}`);
    const corrected = { 'akta pendirian.pdf': akta, 'foto kantor baru.png': fotoBaru, 'npwp.pdf': npwp };
    await page.goto(correction.url);
    await expectListedBytes(page, corrected);
    expect(await page.locator('table').innerText()).toContain(`SHA-256 ${sha256(npwp)}`);

    // On through the steps to Tata Usaha, whose page lists the corrected files.
    expect((await clerk.decide(correction.url, { decision: 'approve' })).status).toBe(200);
    const numbering = await approveUntil(clerk, fileNumber, 11, {
      7: { documentData: JSON.stringify({ 'api-u': exampleDraft('api-u') }) },
    });
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/tata-usaha`);
    const card = page.locator('section.card', { hasText: fileNumber });
    await card.locator('summary').click();
    await expectListedBytes(page, corrected);
    await checkAtBothWidths(page, 'lampiran-tata-usaha');

    // Numbered, handed over, received: the archive record lists them too.
    expect((await clerk.decide(numbering.url, { decision: 'approve' })).status).toBe(200);
    const applicantStep = await approveUntil(clerk, fileNumber, 13);
    expect((await clerk.decide(applicantStep.url, { decision: 'approve' })).status).toBe(200);
    await page.goto(`${paraf.url}/arsip/${caseId}.api-u`);
    await expectListedBytes(page, corrected);
    // The trail's file column still names kinds and copies as the code does ("tanda-terima draft"): its
    // wording belongs to the record page's hash display, reworded apart from the attachments.
    await checkAtBothWidths(page, 'lampiran-arsip', { skipTextsContaining: [' draft: '] });
  }, 300_000);
});
