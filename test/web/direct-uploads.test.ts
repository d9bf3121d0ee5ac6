import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UPLOAD_BUCKET, type LocalParaf } from '#local/start-local.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { readConfig } from '#config/read-config.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { pdfOf } from '../support/padded-pdf.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { approveUntil, fillApplicant, nextLink, personAtParaf, signInPage } from '../support/walk-case.ts';
import { completeApplication } from '../../scripts/clerk.ts';

const at = personAtParaf('paraf-unggah-');
const SOP = 'SOP-LP2N-PPK-01';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The loket's form, signed in as its official, filled for a complete LP2N application, the attachments left to the test. */
async function fillApplication(page: Page) {
  // A fresh form, as a clerk opens it: going to the loket's own address from that page would be a reload,
  // which keeps the page's state and so an earlier test's one-time form id (a form sent again makes no case).
  await page.goto('about:blank');
  await signInPage(page, at.paraf.url, at.credentials, 'loket');
  await page.goto(`${at.paraf.url}/loket/${SOP}`);
  await page.check('#fakta-penandatanganWni');
  await fillApplicant(page, { name: 'PT Mahakam Unggah Besar', nib: '9120001234999' });
  for (const id of ['1', '2', '3', '4', '5', '6', '8', '9', '12']) await page.check(`#syarat-${id}`);
}

async function uploadsLeft(paraf: LocalParaf): Promise<string[]> {
  const listed = await archiveClient(paraf.runtime).send(new ListObjectsV2Command({ Bucket: UPLOAD_BUCKET }));
  return (listed.Contents ?? []).map((item) => item.Key!);
}

/** The page's own session, as its script calls the loket: same origin, JSON. */
const asPage = (page: Page) => ({
  headers: { origin: at.paraf.url, 'sec-fetch-site': 'same-origin' },
  post: (path: string, data: unknown) =>
    page.request.post(`${at.paraf.url}${path}`, {
      headers: { origin: at.paraf.url, 'content-type': 'application/json' },
      data: JSON.stringify(data),
    }),
});

/** Posts `file` with the issued form's fields, as the browser's script does (optionally changing a field). */
async function postToBucket(
  form: { url: string; fields: Record<string, string> },
  file: Buffer,
  type: string,
  change: Record<string, string> = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...change })) body.append(name, value);
  body.append('file', new Blob([new Uint8Array(file)], { type }), 'berkas');
  return fetch(form.url, { method: 'POST', body, headers: { origin: at.paraf.url } });
}

describe('attachments straight to the uploads bucket (presigned POST)', () => {
  it('takes a 25 MB scan from the browser to the archive without it passing through the form', async () => {
    const { paraf, page } = at;
    const scan = await pdfOf('Akta pendirian, pindaian 600 dpi', 25 * 1024 * 1024);
    expect(scan.length).toBeGreaterThan(25 * 1024 * 1024);
    await fillApplication(page);
    await checkAtBothWidths(page, 'unggah-formulir');
    const posted: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === `/loket/${SOP}`)
        posted.push(request.postDataBuffer()?.length ?? 0);
    });
    // From a file, as a person picks one: a 25 MB buffer sent through the browser's protocol takes too long.
    const path = join(mkdtempSync(join(paraf.dataDir, '..', 'pindaian-')), 'akta pindaian.pdf');
    writeFileSync(path, scan);
    await page.setInputFiles('#lampiran', path);
    await expect.poll(() => page.locator('#unggahan-daftar').innerText(), { timeout: 60_000 }).toContain('terunggah');
    await checkAtBothWidths(page, 'unggah-terunggah');
    expect(await uploadsLeft(paraf)).toHaveLength(1);
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.waitForURL(/\/loket\/tanda-terima\//);
    // The form's own body carried the reference only, never the 25 MB.
    expect(posted).toHaveLength(1);
    expect(posted[0]).toBeLessThan(64 * 1024);
    const download = await page.locator('#lampiran a', { hasText: 'Unduh' }).first().getAttribute('href');
    const served = Buffer.from(await (await page.request.get(`${paraf.url}${download}`)).body());
    expect(sha256(served)).toBe(sha256(scan));
    // Taken by the case, the upload is gone: it cannot be referenced a second time.
    expect(await uploadsLeft(paraf)).toEqual([]);
  }, 240_000);

  it('keeps the uploaded files with a form refused for an incomplete checklist, and lets only the pages post to the bucket', async () => {
    const { paraf, page } = at;
    await fillApplication(page);
    const csp = (await page.request.get(`${paraf.url}/loket/${SOP}`)).headers()['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${new URL(paraf.runtime.config.uploads!.endpoint).origin}`);
    const surat = await pdfOf('Surat permohonan');
    await page.setInputFiles('#lampiran', { name: 'surat permohonan.pdf', mimeType: 'application/pdf', buffer: surat });
    await expect.poll(() => page.locator('#unggahan-daftar').innerText()).toContain('terunggah');
    await page.uncheck('#syarat-12');
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.locator('p.error').waitFor();
    expect(await page.locator('p.error').innerText()).toContain('Berkas belum lengkap');
    expect(await page.locator('#unggahan-daftar').innerText()).toContain('surat permohonan.pdf: terunggah');
    await checkAtBothWidths(page, 'unggah-formulir-ditolak');
    await page.check('#syarat-12');
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.waitForURL(/\/loket\/tanda-terima\//);
    expect(await page.locator('#lampiran').innerText()).toContain('surat permohonan.pdf');
    await checkAtBothWidths(page, 'unggah-tanda-terima');
    expect(await uploadsLeft(paraf)).toEqual([]);
  }, 240_000);

  it('refuses a wrong file at choosing, and a form or reference that does not hold, in Bahasa Indonesia', async () => {
    const { paraf, page } = at;
    await fillApplication(page);
    // A name the loket refuses never reaches the bucket.
    await page.setInputFiles('#lampiran', {
      name: 'akta;1.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfOf('x'),
    });
    await page.locator('#unggahan-status').waitFor({ state: 'visible' });
    expect(await page.locator('#unggahan-status').innerText()).toContain(
      'Lampiran "akta;1.pdf" memakai nama yang tidak diizinkan',
    );
    await checkAtBothWidths(page, 'unggah-ditolak');
    expect(await uploadsLeft(paraf)).toEqual([]);

    const loket = asPage(page);
    /** The loket's request for an upload form, as the page's script asks when a file is chosen. */
    const askUpload = (name: string, contentType: string, size: number, more: object = {}) =>
      loket.post('/loket/unggahan', { name, contentType, size, ...more });
    const tooLarge = await askUpload('besar.pdf', 'application/pdf', 31 * 1024 * 1024);
    expect(tooLarge.status()).toBe(413);
    expect((await tooLarge.json()).message).toBe('Lampiran "besar.pdf" terlalu besar (paling besar 30 MB).');
    const unknownField = await askUpload('a.pdf', 'application/pdf', 10, { folder: 'x' });
    expect(unknownField.status()).toBe(400);
    expect((await unknownField.json()).message).toContain('folder');
    const wrongType = await askUpload('a.exe', 'application/x-msdownload', 10);
    expect((await wrongType.json()).message).toBe('Lampiran "a.exe" harus PDF, JPEG atau PNG.');

    // The bucket's side holds the policy: size, type, key and signature exactly as issued.
    const file = await pdfOf('Surat kuasa');
    const form = await (await askUpload('kuasa.pdf', 'application/pdf', file.length)).json();
    expect(form.key).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{32}$/);
    const refusals = [
      await postToBucket(form, Buffer.concat([file, Buffer.from(' ')]), 'application/pdf'),
      await postToBucket(form, file, 'image/png', { 'Content-Type': 'image/png' }),
      await postToBucket(form, file, 'application/pdf', { key: 'cases/lain/attachments/x.pdf' }),
      await postToBucket(form, file, 'application/pdf', { 'X-Amz-Signature': '0'.repeat(64) }),
      await postToBucket(form, file, 'application/pdf', { 'x-amz-meta-lain': 'tambahan' }),
    ];
    expect(refusals.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await uploadsLeft(paraf)).toEqual([]);
    const stored = await postToBucket(form, file, 'application/pdf');
    expect(stored.status).toBe(204);
    expect(stored.headers.get('access-control-allow-origin')).toBe(new URL(paraf.url).origin);
    const elsewhere = await fetch(form.url, { method: 'OPTIONS', headers: { origin: 'https://lain.example' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

    // A reference the upload does not bear out is refused with the form shown again, and nothing changes.
    const reference = { key: form.key, name: 'kuasa.pdf', contentType: 'application/pdf', size: file.length };
    const submit = (unggahan: object) =>
      page.evaluate(
        async ([url, value]) => {
          const { document } = globalThis as unknown as { document: { querySelector(css: string): unknown } };
          // The page's own form, as the browser reads it (its FormData takes a form element).
          const PageForm = FormData as unknown as new (form: unknown) => FormData;
          const body = new PageForm(document.querySelector('main form'));
          body.delete('lampiran');
          body.append('unggahan', value!);
          const answer = await fetch(url!, { method: 'POST', body });
          return { status: answer.status, text: (await answer.text()).replaceAll('&quot;', '"') };
        },
        [`/loket/${SOP}`, JSON.stringify(unggahan)],
      );
    for (const [wrong, message] of [
      [{ ...reference, sha256: '0'.repeat(64) }, 'Lampiran "kuasa.pdf" isinya berubah setelah dipilih'],
      [{ ...reference, sha256: sha256(file), size: file.length + 1 }, 'Lampiran "kuasa.pdf" tidak sama ukurannya'],
      [{ ...reference, sha256: sha256(file), key: 'cases/x/attachments/y.pdf' }, 'tidak merujuk unggahan yang sah'],
    ] as const) {
      const answer = await expectNothingChanged(paraf, `a wrong reference (${message})`, () => submit(wrong));
      expect(answer.status).toBe(422);
      expect(answer.text).toContain(message);
    }
    const taken = await submit({ ...reference, sha256: sha256(file) });
    expect(taken.status).toBe(200);
    expect(taken.text).toContain('Tanda terima berkas');
    const again = await submit({ ...reference, sha256: sha256(file) });
    expect(again.status).toBe(422);
    expect(again.text).toContain('tidak ditemukan di unggahan atau sudah dipakai');
  }, 240_000);
});

describe("the correction link's files straight to the uploads bucket", () => {
  it('takes a 25 MB scan at the "terima berkas perbaikan" link, only for its holder; without script the body still carries small files', async () => {
    const { paraf, page, credentials, clerk } = at;
    const opened = await clerk.submit(completeApplication(paraf.runtime.sop(SOP)!, 'PT Mahakam Perbaikan Besar'));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const fileNumber = String(opened.body.fileNumber);
    const caseId = String(opened.body.id);
    const six = await approveUntil(clerk, fileNumber, 6);
    const returned = await clerk.decide(six.url, { decision: 'return', returnTo: 'applicant', note: 'Akta belum ada' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const correction = await nextLink(clerk, fileNumber);
    const holder = await clerk.recipientOf(correction.url);
    const linkPath = new URL(correction.url).pathname;

    // Only the link's holder gets an upload form for it.
    const declared = JSON.stringify({ name: 'akta.pdf', contentType: 'application/pdf', size: 1000 });
    const other = await clerk.fetch(
      `${linkPath}/unggahan`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: declared },
      'tata-usaha',
    );
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toBe(
      'Lampiran perbaikan hanya dapat diunggah oleh petugas yang diminta menerima berkas ini.',
    );
    expect(await uploadsLeft(paraf)).toEqual([]);

    const scan = await pdfOf('Akta pendirian perbaikan, pindaian 600 dpi', 25 * 1024 * 1024);
    const path = join(mkdtempSync(join(paraf.dataDir, '..', 'perbaikan-')), 'akta perbaikan.pdf');
    writeFileSync(path, scan);
    await signInPage(page, paraf.url, credentials, holder);
    await page.goto(correction.url);
    // Closing the file here is the applicant withdrawing, not a refusal: its reason is asked as such.
    expect(await page.locator('label[for=note-reject]').innerText()).toBe('Alasan berkas ditutup (wajib)');
    // The file went back to the applicant, not to the front office that takes it in again.
    expect(await page.locator('#send-back-title').innerText()).toBe(
      'Berkas dikembalikan kepada pemohon untuk diperbaiki',
    );
    const posted: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === `${linkPath}/lampiran`)
        posted.push(request.postDataBuffer()?.length ?? 0);
    });
    await page.setInputFiles('#tambah', path);
    await expect.poll(() => page.locator('#unggahan-daftar').innerText(), { timeout: 60_000 }).toContain('terunggah');
    await checkAtBothWidths(page, 'perbaikan-terunggah');
    await page.getByRole('button', { name: 'Simpan lampiran' }).click();
    await page.locator('p.ok').waitFor();
    expect(await page.locator('main').innerText()).toContain(sha256(scan));
    await checkAtBothWidths(page, 'perbaikan-tersimpan');
    // The form's own body carried the reference only, never the 25 MB.
    expect(posted).toHaveLength(1);
    expect(posted[0]).toBeLessThan(64 * 1024);
    const served = await clerk.fetch(`/lampiran/${caseId}/${sha256(scan)}?unduh=1`);
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(scan));
    expect(await uploadsLeft(paraf)).toEqual([]);

    // Without script the form's body carries the file, as before.
    const small = await pdfOf('Surat kuasa perbaikan');
    const body = new FormData();
    body.append('tambah', new Blob([new Uint8Array(small)], { type: 'application/pdf' }), 'kuasa.pdf');
    const plain = await clerk.fetch(`${linkPath}/lampiran`, { method: 'POST', body }, holder);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain(sha256(small));
  }, 300_000);
});

describe('the uploads setting', () => {
  it("posts to the bucket's own address on AWS, and to the given endpoint locally", () => {
    const base = {
      PARAF_TABLE: 't',
      PARAF_BUCKET: 'b',
      PARAF_PUBLIC_URL: 'https://paraf.example.test',
      PARAF_DATA: '/tmp/x',
    };
    expect(readConfig(base).uploads).toBeUndefined();
    expect(readConfig({ ...base, PARAF_UPLOAD_BUCKET: 'unggah', AWS_REGION: 'ap-southeast-3' }).uploads).toEqual({
      bucket: 'unggah',
      endpoint: 'https://unggah.s3.ap-southeast-3.amazonaws.com',
    });
    expect(readConfig(base).verifyUploadMaxBytes).toBe(15 * 1024 * 1024);
    expect(readConfig({ ...base, PARAF_VERIFY_UPLOAD_MB: '4' }).verifyUploadMaxBytes).toBe(4 * 1024 * 1024);
    expect(() => readConfig({ ...base, PARAF_VERIFY_UPLOAD_MB: 'banyak' })).toThrow(/PARAF_VERIFY_UPLOAD_MB/);
  });
});
