import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { startTsaStandIn } from '#local/tsa-stand-in.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { permitKey } from '#records/keys.ts';
import { markRevoked } from '#records/permit-index.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { signPdf } from '#signing/sign-pdf.ts';
import { Rfc3161Client } from '#signing/timestamp-client.ts';
import { issueApiUPermit } from '../support/issue-permit.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { signedElsewhereAsKepala } from '../support/pdf-signatures.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { storedState } from '../support/stored-state.ts';
import { scratchFolder } from '../support/scratch-folder.ts';

/**
 * The public page "Verifikasi dokumen": a person uploads a PDF in Chromium and reads whether Paraf
 * issued it, which copy, whether it is the final revision, an earlier one or altered, who signed it
 * and whether the permit is in force. The uploads change nothing: not the table, the archive, the
 * outbox nor any file of the data folder, and no log line carries them.
 */
const at = parafForFile({ prefix: 'paraf-upload-' });
const { dataDir } = at;
const { dir: work, file } = scratchFolder('paraf-upload-files-');
let paraf: LocalParaf;
let browser: Browser;
let page: Page;
let issued: Uint8Array;
let documentId: string;
let registrationNumber: string;
/** Stretches of bytes only the uploads made here hold (not the archived copies they were cut from). */
const ownBytes: Buffer[] = [];
const marker = `PENANDA-${randomBytes(8).toString('hex')}`;
const logged: string[] = [];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file of the data folder but the table's own (dynalite compacts on reads): its path and its bytes' hash. */
function dataFiles(): string[] {
  return readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => !entry.startsWith('dynamo') && statSync(join(dataDir, entry)).isFile())
    .map((entry) => `${relative(dataDir, join(dataDir, entry))} ${sha256(readFileSync(join(dataDir, entry)))}`)
    .sort();
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** The file cut back at its `%%EOF`s: `cut` revisions fewer. */
function cutBack(pdf: Uint8Array, cut: number): Uint8Array {
  const ends = [...Buffer.from(pdf).toString('latin1').matchAll(/%%EOF/g)].map((m) => m.index + m[0].length);
  return pdf.subarray(0, ends[ends.length - 1 - cut]);
}

/**
 * The page's form as a person uses it: the file chosen, the button pressed; the answer checked at
 * both widths. Each upload stores nothing (the table, the archive, the outbox, every file of the data
 * folder) and logs nothing of itself, checked here so that any order of the tests checks it.
 */
async function upload(name: string, bytes: Uint8Array, mimeType = 'application/pdf') {
  const before = { state: await storedState(paraf), files: dataFiles(), lines: logged.length };
  const answer = await uploadOnPage(name, bytes, mimeType);
  expect(await storedState(paraf), `the upload ${name} changed the stored state`).toEqual(before.state);
  expect(dataFiles(), `the upload ${name} changed the data folder`).toEqual(before.files);
  const hash = sha256(bytes);
  for (const line of logged.slice(before.lines)) expect(line).not.toContain(hash);
  // What only the uploads made here hold, in no log line and no file of the data folder (the table's too).
  for (const line of logged) for (const own of ownBytes) expect(line).not.toContain(own.toString('latin1'));
  for (const entry of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dataDir, entry);
    if (!statSync(path).isFile()) continue;
    const stored = readFileSync(path);
    for (const own of ownBytes) expect(stored.includes(own), `${entry} holds an upload`).toBe(false);
  }
  return answer;
}

async function uploadOnPage(name: string, bytes: Uint8Array, mimeType: string) {
  await page.goto(`${paraf.url}/verifikasi`);
  // From a file, as a person picks one: a 15 MB buffer sent through the browser's protocol takes too long.
  const path = join(work, 'unggah', `${name}.${mimeType === 'application/pdf' ? 'pdf' : 'txt'}`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  await page.setInputFiles('#berkas', path);
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Periksa dokumen' }).click();
  const status = (await response).status();
  await page.waitForLoadState();
  await checkAtBothWidths(page, `unggah-${name}`);
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  expect(text, 'technical words outside the closed details').not.toMatch(TECHNICAL);
  return { status, text, details: await technicalDetails(`unggah-${name}`) };
}

/** What only an auditor needs: on the public pages never outside the closed "Rincian teknis untuk pemeriksa". */
const TECHNICAL = /SHA-256|\bbita\b|revisi ke-|\b[0-9a-f]{64}\b/;

/**
 * The page's technical details, closed until a person opens them (when there are any: a refusal has
 * none), then opened as an auditor does, checked and pictured at both widths, and their text.
 */
async function technicalDetails(name: string): Promise<string> {
  const details = page.locator('details.teknis');
  if ((await details.count()) === 0) return '';
  expect(await details.getAttribute('open')).toBeNull();
  await details.locator('summary', { hasText: 'Rincian teknis untuk pemeriksa' }).click();
  await checkAtBothWidths(page, `${name}-rincian`);
  return (await details.innerText()).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  ({ paraf } = at);
  ({ documentId, issued } = await issueApiUPermit(at));
  registrationNumber = (
    (await (
      await fetch(`${paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'application/json' } })
    ).json()) as {
      registrationNumber: string;
    }
  ).registrationNumber;
  browser = await launchChromium();
  page = await newPersonPage(browser);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((arg) => (arg instanceof Uint8Array ? Buffer.from(arg).toString('latin1') : String(arg))).join(' '),
      );
    });
  // The Powertools logger writes to the streams through a console of its own, not the global one.
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
      return true;
    }) as typeof stream.write);
}, 240_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
});

describe('the public page "Verifikasi dokumen"', () => {
  it("is linked from the home page and from a document's verification page, and offers a form", async () => {
    await page.goto(paraf.url);
    await page.locator('main').getByRole('link', { name: 'Verifikasi dokumen' }).click();
    await page.waitForURL(`${paraf.url}/verifikasi`);
    await checkAtBothWidths(page, 'unggah-formulir');
    await page.goto(`${paraf.url}/verifikasi/${documentId}`);
    await page.getByRole('link', { name: 'Periksa berkas PDF dokumen ini' }).click();
    await page.waitForURL(`${paraf.url}/verifikasi`);
    expect(await page.locator('form[enctype="multipart/form-data"] input[type=file][name=berkas]').count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('tidak disimpan dan tidak dicatat');
  });

  it("the QR code's page leads with the answer in plain words, the hashes folded for an auditor; revoked and unknown too", async () => {
    const { dynamo, config } = paraf.runtime;
    const verification = (await (
      await fetch(`${paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'application/json' } })
    ).json()) as { copies: { sha256: string }[]; signers: { name: string; reason: string }[] };
    const kepala = verification.signers.find((s) => s.reason === 'Tanda tangan')!;
    const read = async (name: string) => {
      await checkAtBothWidths(page, name);
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text, `${name}: technical words outside the closed details`).not.toMatch(TECHNICAL);
      return { text, details: await technicalDetails(name) };
    };
    await page.goto(`${paraf.url}/verifikasi/${documentId}`);
    const valid = await read('verifikasi-sah');
    // The register number breaks only after a slash on a phone, and reads whole when copied.
    await page.setViewportSize({ width: 320, height: 800 });
    const parts = page.locator('dd .nomor-utuh > span');
    expect((await parts.allInnerTexts()).join('')).toBe(registrationNumber);
    expect(await parts.evaluateAll((spans) => spans.filter((span) => span.getClientRects().length > 1).length)).toBe(0);
    expect(await page.locator('dd .nomor-utuh').evaluate((dd) => dd.getClientRects().length)).toBeGreaterThan(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.title()).not.toMatch(/\b(?:verification|document|permit|page|found)\b/i);
    expect(valid.text).toMatch(
      new RegExp(
        `^.+ Dokumen ini asli: diterbitkan oleh DPMPTSP Provinsi Kalimantan Timur pada .+, ditandatangani oleh ${kepala.name}, .+ Status: SAH dan berlaku\\.`,
      ),
    );
    for (const copy of verification.copies) expect(valid.details).toContain(copy.sha256);
    expect(valid.details).toMatch(/penanda waktu tepercaya dari Layanan Stempel Waktu Lokal/);

    // Revoked: still the office's document, its standing said in the answer.
    const decree = { number: '503/008/PENCABUTAN/DPMPTSP-III/XII/2026', date: '2026-12-03', caseId: 'perkara-cabut' };
    const { Item: inForce } = await dynamo.send(
      new GetCommand({ TableName: config.table, Key: permitKey(documentId) }),
    );
    await markRevoked(dynamo, config.table, documentId, decree);
    try {
      await page.goto(`${paraf.url}/verifikasi/${documentId}`);
      const revoked = await read('verifikasi-dicabut');
      expect(revoked.text).toContain(
        `Status: DICABUT dengan Keputusan Nomor ${decree.number} tanggal 3 Desember 2026.`,
      );
      expect(await page.locator('main p.error').first().innerText()).toContain('DICABUT');
      // Said first, before "Dokumen ini asli": one who stops reading at "asli" must not take it as in force.
      const paragraphs = (await page.locator('main > p').allInnerTexts()).map((p) => p.trim());
      expect(paragraphs[0]).toMatch(/^Status: DICABUT/);
      expect(paragraphs[1]).toMatch(/^Dokumen ini asli/);
    } finally {
      await dynamo.send(new PutCommand({ TableName: config.table, Item: inForce }));
    }

    const unknown = await page.goto(`${paraf.url}/verifikasi/AAAAAAAAAAAA.api-u`);
    expect(unknown?.status()).toBe(404);
    const notFound = await read('verifikasi-tidak-dikenal');
    expect(notFound.text).toContain('Tidak sah atau tidak dikenal.');
    expect(notFound.details).toBe('');
  });

  it("says the issued copy is Paraf's, unchanged, which document and copy, who signed it and that the permit is in force", async () => {
    const { status, text, details } = await upload('terbit', issued);
    expect(status).toBe(200);
    expect(text).toContain('Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.');
    expect(text).toContain(`Nomor registrasi ${registrationNumber}`);
    expect(text).toContain('Rangkap 1 dari 3');
    expect(text).toContain('Status SAH dan berlaku');
    expect(text).toContain('Berkas ini sama persis dengan dokumen yang diterbitkan');
    expect(details).toContain(`Sidik SHA-256 berkas ini: ${sha256(issued)}`);
    // Who signed, as pdfsig (not Paraf) reads them from the same file: every signer named, each signature valid.
    const pdfsig = run('pdfsig', [file('terbit.pdf', issued)]);
    const signers = [...pdfsig.matchAll(/Signer Certificate Common Name: (.+)/g)].map((m) => m[1]!.trim());
    // Four signatures and the document timestamp (the TSA's).
    expect(signers).toHaveLength(5);
    for (const signer of signers) expect(text).toContain(signer);
    expect(text.match(/Sah: sertifikat diterbitkan oleh penerbit sertifikat yang diakui kantor ini/g)).toHaveLength(4);
    expect(text.match(/penanda waktu tepercaya dari Layanan Stempel Waktu Lokal/g)).toHaveLength(4);
    expect(text).toMatch(/Paraf: .+Paraf: .+Tanda tangan: .+Registrasi: /);
  });

  it("says a copy cut back to an earlier revision is Paraf's but not the final one", async () => {
    // Before the registration: the document timestamp, the validation data and the register's signature cut off.
    const cut = cutBack(issued, 3);
    expect(run('pdfsig', [file('dipotong.pdf', cut)]).match(/Signature is Valid/g)).toHaveLength(3);
    const { text, details } = await upload('dipotong', cut);
    expect(text).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi bukan versi akhirnya.');
    expect(text).toContain('Berkas ini diambil sebelum dokumen selesai');
    // Three revisions cut off: the auditor reads which one this is.
    const [, kept, of] =
      /Berkas ini sama dengan revisi ke-(\d+) dari (\d+) salinan yang diarsipkan/.exec(details) ?? [];
    expect(Number(of) - Number(kept)).toBe(3);
    expect(text).toContain(`Nomor registrasi ${registrationNumber}`);
    expect(text.match(/Sah: /g)).toHaveLength(3);
    expect(text).not.toContain('Registrasi: ');
    // The same revision with a line break after its %%EOF, as a writer ends a file, is that revision,
    // not a revision changed outside the office.
    const ended = await upload('dipotong-baris-baru', Buffer.concat([cut, Buffer.from('\r\n')]));
    expect(ended.text).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi bukan versi akhirnya.');
  });

  it('takes the issued copy with a line break added after its %%EOF, as a writer or mail program ends a file', async () => {
    // Paraf's copies end at their %%EOF: only white space added after it is forgiven, and only a little.
    expect(Buffer.from(issued).toString('latin1').endsWith('%%EOF')).toBe(true);
    for (const [name, ending] of [
      ['terbit-baris-baru', '\n'],
      ['terbit-baris-baru-crlf', '\r\n'],
    ] as const) {
      const { text } = await upload(name, Buffer.concat([Buffer.from(issued), Buffer.from(ending)]));
      expect(text, name).toContain(
        'Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur. Berkas ini sama isinya dengan',
      );
      expect(text, name).toContain('hanya spasi atau baris kosong di akhir berkas');
      expect(text, name).not.toContain('telah diubah');
      // Its signatures and timestamps are read from the archived bytes they were made over: all hold.
      expect(text, name).not.toContain('tidak ditandatangani');
      expect(text, name).not.toContain('tidak sah');
      expect(text.match(/Sah: /g), name).toHaveLength(4);
    }
    // More white space than a writer leaves is something else: not taken as the issued copy.
    const padded = await upload('terbit-spasi-banyak', Buffer.concat([Buffer.from(issued), Buffer.alloc(64, 0x20)]));
    expect(padded.text).not.toContain('Dokumen asli terbitan');
  });

  it('says a copy with an unsigned update appended is altered', async () => {
    const updated = appendUnsignedUpdate(issued);
    expect(run('pdfsig', [file('tambahan.pdf', updated)])).toContain('Not total document signed');
    expect(run('qpdf', ['--show-object=trailer', file('tambahan.pdf', updated)])).toContain('/Prev');
    const { text, details } = await upload('tambahan', updated);
    expect(text).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.');
    expect(text).toContain('ada yang mengubah atau menambahkan isinya di luar kantor ini');
    expect(text).toContain('Sesudah tanda tangan terakhir ada tambahan isi yang tidak ditandatangani.');
    const added = (updated.length - issued.length).toLocaleString('id-ID');
    expect(details).toMatch(/sama dengan revisi ke-(\d+) dari \1 salinan yang diarsipkan/);
    expect(details).toContain(`Sesudah revisi itu ada ${added} bita yang diubah atau ditambahkan di luar kantor ini.`);
    expect(details).toContain(`Sesudah tanda tangan terakhir ada tambahan ${added} bita yang tidak ditandatangani.`);
    expect(text).toContain(`Nomor registrasi ${registrationNumber}`);
    // The permit is in force; the page must not read as if this file were.
    expect(text).toContain('Status SAH dan berlaku, menurut arsip kantor');
    expect(text).toContain('bukan bukti bahwa berkas ini sah');
  });

  it('says a byte-flipped copy is altered, and which signatures no longer hold', async () => {
    // One letter of the register's signature's Reason: inside its signed range, after the Kepala's revision.
    const flipped = Uint8Array.from(issued);
    const at = Buffer.from(issued).lastIndexOf('(Registrasi)');
    expect(at).toBeGreaterThan(0);
    flipped[at + 1] = 'r'.charCodeAt(0);
    expect(run('pdfsig', [file('dibalik.pdf', flipped)])).toMatch(/Signature is Invalid|Digest Mismatch/);
    const late = await upload('dibalik', flipped);
    expect(late.text).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.');
    // The file holds up to the Kepala's revision; from the register's signature on it differs.
    const [, kept, of] = /sama dengan revisi ke-(\d+) dari (\d+) salinan yang diarsipkan/.exec(late.details) ?? [];
    expect(Number(kept)).toBeLessThan(Number(of));
    expect(late.text).toMatch(/Tanda tangan: .+Sah: .+Tidak sah: tanda tangan tidak cocok/);
    expect(late.text).toContain('Tidak sah: tanda tangan tidak cocok dengan isi berkas.');
    // A byte of the first revision: no prefix is archived and every signature fails, but the signatures are the copy's.
    const early = Uint8Array.from(issued);
    early[12] = early[12]! ^ 0x01;
    const first = await upload('dibalik-awal', early);
    expect(first.text).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.');
    expect(first.text).toContain('isinya telah diubah sesudah ditandatangani');
    expect(first.text).toContain(`Nomor registrasi ${registrationNumber}`);
    expect(first.text).toContain('Rangkap 1 dari 3');
    expect(first.text.match(/Tidak sah: /g)).toHaveLength(4);
  });

  it("says a PDF from elsewhere is not Paraf's, and what its signatures say", async () => {
    const plain = await elsewherePdf();
    expect(run('qpdf', ['--check', file('lain.pdf', plain)])).toContain('No syntax or stream encoding errors');
    const unsigned = await upload('lain', plain);
    expect(unsigned.text).toContain('Bukan dokumen terbitan DPMPTSP Provinsi Kalimantan Timur.');
    expect(unsigned.text).toContain('Berkas ini tidak memuat tanda tangan elektronik.');
    // Signed by another installation's CA: whole, but not by this office's certificate issuer.
    const { signed, kepala } = await signedElsewhereAsKepala(
      plain,
      paraf.runtime.staff.officials,
      join(work, 'instalasi-lain'),
      'tanda-tangan-lain',
    );
    expect(run('pdfsig', [file('lain-bertanda.pdf', signed)])).toContain('Signature is Valid');
    const foreign = await upload('lain-bertanda', signed);
    expect(foreign.text).toContain('Bukan dokumen terbitan DPMPTSP Provinsi Kalimantan Timur.');
    // What to do next, for whoever was handed it as the office's permit.
    expect(foreign.text).toContain('pindai kode QR pada dokumen aslinya');
    expect(foreign.text).toContain(`Tanda tangan: ${kepala.name}`);
    expect(foreign.text).toContain('Tidak dikenal: tanda tangan utuh, tetapi sertifikatnya tidak diterbitkan');
  });

  it('does not call a signature valid, nor its time trusted, when its timestamp is from a TSA the office does not know', async () => {
    // The office's Kepala's own key, but the timestamp from a TSA under a CA of its own: its time proves nothing.
    const kepala = paraf.runtime.staff.officials.find((official) => official.position.startsWith('Kepala Dinas'))!;
    const foreignTsa = await startTsaStandIn(join(work, 'tsa-lain'));
    let signed: Uint8Array;
    try {
      signed = await signPdf(
        await elsewherePdf(),
        {
          officialId: kepala.id,
          fieldName: 'tanda-tangan-tsa-lain',
          reason: 'Tanda tangan',
          signerName: kepala.name,
          location: 'Samarinda',
          signingTime: new Date(),
          // Invisible: what is checked here is the timestamp, not the stamp drawn.
          page: 1,
          rect: { x: 0, y: 0, width: 0, height: 0 },
          lines: [],
        },
        new LocalSigner(dataDir),
        new Rfc3161Client(foreignTsa.url),
      );
    } finally {
      await foreignTsa.close();
    }
    expect(run('pdfsig', [file('tsa-lain.pdf', signed)])).toContain('Signature is Valid');
    const { text } = await upload('tsa-lain', signed);
    expect(text).toContain(`Tanda tangan: ${kepala.name}`);
    expect(text).toContain(
      'Tidak dapat dipastikan: sertifikat diterbitkan oleh penerbit sertifikat yang diakui kantor ini, tetapi waktu penandatanganan tidak terbukti',
    );
    expect(text).toMatch(
      /Waktu menurut penanda waktu dari .+, tetapi penerbit penanda waktu itu tidak dikenal kantor ini/,
    );
    expect(text).not.toMatch(/\bSah\b/);
    expect(text).not.toContain('tepercaya');
  });

  it('refuses a file that is not a PDF, and one over 15 MB, in Bahasa Indonesia', async () => {
    const note = Buffer.from(`Ini hanya catatan, bukan dokumen. ${marker}\n`);
    ownBytes.push(Buffer.from(marker));
    const text = await upload('bukan-pdf', note, 'text/plain');
    expect(text.status).toBe(422);
    expect(text.text).toContain('Berkas ini bukan PDF.');
    // Over HTTP: a field the form does not have is refused by name, and a form without a file.
    const extra = new FormData();
    extra.set('berkas', new Blob([issued], { type: 'application/pdf' }), 'terbit.pdf');
    extra.set('catatan', 'x');
    const refused = await fetch(`${paraf.url}/verifikasi`, { method: 'POST', body: extra });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Isian tidak dikenal: catatan.');
    const empty = await fetch(`${paraf.url}/verifikasi`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Pilih berkas PDF yang akan diperiksa.');
    const big = randomBytes(15 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    ownBytes.push(big.subarray(1 << 23, (1 << 23) + 32));
    const tooBig = await upload('terlalu-besar', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain('Berkas terlalu besar: paling besar 15 MB.');
  }, 60_000);

  it('answers a declared over-size upload before reading its body', async () => {
    // 20 MB announced, 64 KB sent, and the request never ended: the answer comes anyway.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${paraf.url}/verifikasi`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/verifikasi',
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=batas',
            'content-length': String(20 * 1024 * 1024),
            accept: 'text/html',
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => {
            // The rest of the announced body is never sent: the test's own socket is closed here.
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 0x41));
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Berkas terlalu besar');
  });

  it('finds a document whose QR code will not scan by its register number and holder as printed, and by neither alone', async () => {
    const { company } = (await (
      await fetch(`${paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'application/json' } })
    ).json()) as { company: string };
    const before = { state: await storedState(paraf), files: dataFiles() };
    const lookUp = async (name: string, number: string, holder: string) => {
      await page.goto(`${paraf.url}/verifikasi`);
      await page.fill('#nomor', number);
      await page.fill('#nama', holder);
      const response = page.waitForResponse((r) => r.url().includes('/verifikasi/nomor'));
      await page.getByRole('button', { name: 'Cari dokumen' }).click();
      const status = (await response).status();
      await page.waitForLoadState();
      await checkAtBothWidths(page, `nomor-${name}`);
      return { status, text: (await page.locator('main').innerText()).replace(/\s+/g, ' ') };
    };
    // Typed as a person would: the number in small letters with spaces around its slashes, the name in capitals.
    const found = await lookUp(
      'ketemu',
      registrationNumber.toLowerCase().replaceAll('/', ' / '),
      company.toUpperCase(),
    );
    expect(found.status).toBe(303);
    expect(new URL(page.url()).pathname).toBe(`/verifikasi/${documentId}`);
    expect(found.text).toContain('Dokumen ini asli');
    // A wrong name and an unknown number read alike: a number names no one by itself.
    const notFound =
      'Tidak ada dokumen terbitan DPMPTSP Provinsi Kalimantan Timur dengan nomor registrasi dan nama pemegang itu.';
    for (const [name, number, holder] of [
      ['nama-lain', registrationNumber, 'PT Bukan Pemegangnya'],
      ['nomor-lain', `${registrationNumber}9`, company],
    ] as const) {
      const missed = await lookUp(name, number, holder);
      expect(missed.status, name).toBe(404);
      expect(missed.text, name).toContain(notFound);
      expect(missed.text, name).not.toContain('Dokumen ini asli');
      // The holder of the number is not given away to one who guessed it.
      if (holder !== company) expect(missed.text, name).not.toContain(company);
      expect([await page.inputValue('#nomor'), await page.inputValue('#nama')]).toEqual([number, holder]);
    }
    const short = await fetch(`${paraf.url}/verifikasi/nomor?nomor=${encodeURIComponent(registrationNumber)}&nama=PT`);
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Tulis nama pemegang seperti tercetak pada dokumen (paling sedikit 3 huruf).');
    const unknownField = await fetch(`${paraf.url}/verifikasi/nomor?nomor=1&nama=abc&kode=1`);
    expect(unknownField.status).toBe(400);
    expect(await storedState(paraf), 'a lookup changed the stored state').toEqual(before.state);
    expect(dataFiles()).toEqual(before.files);
  });

  it('says when the permit an issued copy carries has been revoked, with the decree', async () => {
    // The decree's own case is another SOP's walk: its record is written here as archive-case writes it.
    const decree = {
      number: '503/007/PENCABUTAN/DPMPTSP-III/XII/2026',
      date: '2026-12-02',
      caseId: 'perkara-pencabutan',
    };
    const { dynamo, config } = paraf.runtime;
    // The permit's record as issued, put back afterwards: the other tests, in any order, read it in force.
    const { Item: inForce } = await dynamo.send(
      new GetCommand({ TableName: config.table, Key: permitKey(documentId) }),
    );
    await markRevoked(dynamo, config.table, documentId, decree);
    try {
      const { text } = await upload('terbit-dicabut', issued);
      expect(text).toContain('Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.');
      expect(text).toContain(`Status DICABUT dengan Keputusan Nomor ${decree.number} tanggal 2 Desember 2026`);
      expect(text).toContain(`Status: DICABUT dengan Keputusan Nomor ${decree.number}`);
    } finally {
      await dynamo.send(new PutCommand({ TableName: config.table, Item: inForce }));
    }
  });
});

/** A one-page PDF made by pdf-lib, with nothing of Paraf's. */
async function elsewherePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // The producer's name is written as UTF-16 hex: that text is in this file and nowhere else.
  doc.setProducer(marker);
  ownBytes.push(Buffer.from(`FEFF${Buffer.from(marker, 'utf16le').swap16().toString('hex').toUpperCase()}`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc
    .addPage([595, 842])
    .drawText(`Surat keterangan dari tempat lain ${Date.now()}`, { x: 50, y: 780, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

/**
 * An incremental update written by hand, as any editor appends one: a new Info dictionary, a classic
 * cross-reference section for it, and a trailer whose /Prev is the issued file's last startxref.
 */
function appendUnsignedUpdate(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = run('qpdf', ['--show-object=trailer', file('untuk-trailer.pdf', pdf)]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1];
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  expect(root, trailer).toBeTruthy();
  const object = `\n${size} 0 obj\n<< /Title (Diubah sesudah terbit) >>\nendobj\n`;
  const xrefAt = pdf.length + object.length;
  const tail = `xref\n${size} 1\n${String(pdf.length + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(object + tail, 'latin1')]);
}
