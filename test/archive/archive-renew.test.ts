import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { describeRenewals } from '#cli/archive-command.ts';
import { renewDueTimestamps } from '#cases/renew-timestamps.ts';
import { renewEachDay } from '#local/daily-renewal.ts';
import { getLongTermRecord, type LongTermRecord } from '#records/long-term-records.ts';
import { getPermit, permitKeysFilledAt } from '#records/permit-index.ts';
import { fillPermitKeysOnce } from '#cases/fill-permit-keys.ts';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { uploadAnswer } from '#web/verify-upload-page.ts';
import { Clerk } from '../../scripts/clerk.ts';
import { tool } from '../support/pdf-signatures.ts';
import { expectDocumentTimestamp, expectServedCopies, fingerprintsShown } from '../support/served-copies.ts';
import { issueApiUPermit } from '../support/issue-permit.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { once } from '../support/once.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { scratchFolder } from '../support/scratch-folder.ts';

/**
 * The archive's long-term record of an issued permit, and `npx paraf archive renew` run on it with a
 * day after its TSA certificate's expiry: refused, nothing written, while the TSA's certificate is that
 * one; after a start whose renewal margin reaches that expiry (which replaces the TSA's certificate), a
 * new revision with a fresh DSS update and document timestamp, checked by openssl, pdfsig, qpdf and
 * `paraf verify`; run again, it makes nothing new.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const at = parafForFile({ prefix: 'paraf-renew-' });
const { dataDir } = at;
const { dir: work, file } = scratchFolder('paraf-renew-files-');
const caPem = join(dataDir, 'pki', 'ca.cert.pem');
let paraf: LocalParaf;
let clerk: Clerk;
let caseId: string;
let documentId: string;
let issued: Uint8Array;
/** The long-term record as the issuing left it, read before any test renews or rebuilds it. */
let issuedRecord: LongTermRecord;
/** A copy of the TSA certificate the issued copies' timestamps were made under. */
const issuedTsaPem = join(tmpdir(), `paraf-renew-tsa-${process.pid}.cert.pem`);
afterAll(() => rmSync(issuedTsaPem, { force: true }));
/** The day after the TSA certificate's expiry, as `openssl x509` reads it. */
let afterExpiry: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** The bin as an operator runs it; asynchronous, since this process's Paraf answers its control port. */
const paraf$ = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile('npx', ['--no-install', 'paraf', ...args], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
const copy = async (n: number) =>
  new Uint8Array(await (await clerk.fetch(`${paraf.url}/api/permits/${documentId}/copies/${n}`)).arrayBuffer());
const archivedCopies = () =>
  readdirSync(join(dataDir, 's3'), { recursive: true, encoding: 'utf8' }).filter((path) =>
    /\/documents\/api-u\/copy-\d\/.+\.pdf\._S3rver_object$/.test(path),
  );

/** The margin of the restart that replaces the TSA's certificate: it reaches the five years' end. */
const MARGIN_DAYS = 1830;
let restarted: LocalParaf | undefined;
afterAll(() => restarted?.close());

/**
 * Refused while the TSA's certificate is the one the issued copies' timestamps carry (a new
 * timestamp would end with them): exit 1, nothing stored changed. Then Paraf is started again with a
 * margin reaching that end, as a start years later finds it: the TSA's certificate is replaced.
 */
const refuseThenReplaceTsa = once(async () => {
  const before = archivedCopies();
  const oldTsa = new X509Certificate(readFileSync(join(dataDir, 'pki', 'tsa.cert.pem')));
  const { handler } = await import('#handlers/renew-timestamps.ts');
  const [refused, lambda] = await expectNothingChanged(paraf, 'a renewal the TSA certificate would not outlast', () =>
    Promise.all([
      paraf$('archive', 'renew', '--before', afterExpiry, '--data', dataDir),
      // The renewal function on AWS, the same use case: refused, not a revision that gains nothing.
      handler({ before: afterExpiry }).then(
        () => 'diterima',
        (error: Error) => error.message,
      ),
    ]),
  );
  expect(lambda).toMatch(/^Sertifikat TSA berakhir .*Tidak ada yang diubah\./);
  expect(refused.status, refused.stdout + refused.stderr).toBe(1);
  expect(refused.stdout).toBe('');
  const ends = new Date(oldTsa.validTo).toISOString().slice(0, 10);
  expect(refused.stderr).toContain(
    `paraf archive: Sertifikat TSA berakhir ${ends}, tidak melewati ${afterExpiry}: stempel waktu baru akan berakhir bersama stempel yang diperbarui. Tidak ada yang diubah. Hentikan Paraf, lalu jalankan npm start`,
  );
  expect(archivedCopies()).toEqual(before);
  // On the same port: the issued copies' QR codes name the address the office published.
  const port = Number(new URL(paraf.url).port);
  await paraf.close();
  const said: string[] = [];
  restarted = await startLocal({
    dataDir,
    port,
    env: { PARAF_RENEWAL_MARGIN_DAYS: String(MARGIN_DAYS) },
    onUpgradeStep: (line) => said.push(line),
  });
  paraf = restarted;
  clerk = new Clerk(paraf.url, at.credentials);
  // Set aside with its key, kept: its certificate is in the timestamps it made.
  const setAside = readdirSync(join(dataDir, 'pki')).filter((name) => name.startsWith('tsa.diganti-'));
  const retired = setAside.find((name) => name.endsWith('.cert.pem'))!;
  expect(setAside).toEqual([retired.replace('.cert.pem', '.key.pem'), retired].sort());
  expect(new X509Certificate(readFileSync(join(dataDir, 'pki', retired))).raw.equals(oldTsa.raw)).toBe(true);
  expect(said).toContain(
    `Sertifikat layanan stempel waktu lokal berakhir ${ends}: sertifikat baru dibuat; yang lama disimpan sebagai pki/${retired} dan tidak dipakai lagi.`,
  );
  const newTsa = new X509Certificate(readFileSync(join(dataDir, 'pki', 'tsa.cert.pem')));
  expect(newTsa.serialNumber).not.toBe(oldTsa.serialNumber);
  expect(Date.parse(newTsa.validTo)).toBeGreaterThan(Date.parse(`${afterExpiry}T00:00:00Z`));
  return { oldTsa, newTsa };
});

/** The renewal with the day after the old TSA certificate's expiry, that the later checks read: the renewed copy 1. */
const renew = once(async () => {
  const { newTsa } = await refuseThenReplaceTsa();
  const before = archivedCopies();
  const result = await paraf$('archive', 'renew', '--before', afterExpiry, '--data', dataDir);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain(`${documentId}: diperbarui menjadi revisi 5;`);
  // The new timestamp is the replaced TSA's: it outlasts the day, nothing more to replace.
  expect(result.stdout).toContain(`; sertifikat TSA berakhir ${new Date(newTsa.validTo).toISOString().slice(0, 10)}`);
  expect(result.stdout).not.toContain('ganti sertifikat TSA');
  expect(result.stdout).toContain('Diperbarui: 1, sudah sebelumnya: 0, gagal: 0.');
  const renewed = await copy(1);
  // An incremental update: the issued bytes unchanged at its start, nothing archived overwritten.
  expect(Buffer.from(renewed.subarray(0, issued.length)).equals(Buffer.from(issued))).toBe(true);
  expect(renewed.length).toBeGreaterThan(issued.length);
  const after = archivedCopies();
  expect(after.length).toBe(before.length + 3);
  // Each renewed copy as served: its label, its fingerprint on the verification page, every signature
  // still trusted, and two document timestamps, the last over the whole file.
  await expectServedCopies(clerk, documentId, dataDir, [4, 2, 2], { qr: true, documentTimestamp: true, renewals: 1 });
  expect(after).toEqual(expect.arrayContaining(before));
  expect(after.some((path) => path.endsWith(`-${sha256(renewed)}.pdf._S3rver_object`))).toBe(true);
  const record = (await getLongTermRecord(paraf.runtime.dynamo, paraf.runtime.config.table, caseId, 'api-u'))!;
  expect(record.copies[0]!.sha256).toBe(sha256(renewed));
  expect(record.copies[0]!.lastTimestamp?.field).toBe(`pembaruan-stempel-waktu-${afterExpiry}`);
  expect(record.renewals).toEqual([expect.objectContaining({ before: `${afterExpiry}T00:00:00.000Z` })]);
  return renewed;
});

/** An NSS database trusting the development CA, for pdfsig. */
const nssDir = once(async () => {
  const nss = join(work, 'nss');
  mkdirSync(nss);
  expect(tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], 'libnss3-tools').code).toBe(0);
  tool('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'paraf-dev-ca', '-t', 'CT,C,C', '-i', caPem], 'libnss3-tools');
  return nss;
});

/** Leading zeros are the DER's sign byte; openssl prints the serial without them, in capitals. */
const serialOf = (hex: string) => hex.toLowerCase().replace(/^0+/, '');

beforeAll(async () => {
  ({ paraf, clerk } = at);
  ({ caseId, documentId, issued } = await issueApiUPermit(at));
  issuedRecord = (await getLongTermRecord(paraf.runtime.dynamo, paraf.runtime.config.table, caseId, 'api-u'))!;
  // The TSA certificate the issued copies carry, kept: a test that replaces it may run first (shuffled order).
  copyFileSync(join(dataDir, 'pki', 'tsa.cert.pem'), issuedTsaPem);
  const end = tool('openssl', ['x509', '-in', issuedTsaPem, '-noout', '-enddate'], 'openssl');
  const notAfter = new Date(/notAfter=(.+)/.exec(end.stdout)![1]!);
  afterExpiry = new Date(notAfter.getTime() + 86_400_000).toISOString().slice(0, 10);
}, 240_000);

describe('the long-term record of an issued copy', () => {
  it("holds each copy's level, its TSA with the certificate's serial and expiry, and the DSS's contents", async () => {
    const record = issuedRecord;
    const tsaCert = tool('openssl', ['x509', '-in', issuedTsaPem, '-noout', '-serial', '-enddate'], 'openssl').stdout;
    const serial = serialOf(/serial=([0-9A-F]+)/.exec(tsaCert)![1]!);
    const notAfter = new Date(/notAfter=(.+)/.exec(tsaCert)![1]!).toISOString();
    expect(record.copies.map((c) => c.copy)).toEqual([1, 2, 3]);
    expect(record.copies[0]!.sha256).toBe(sha256(issued));
    for (const entry of record.copies) {
      expect(entry.level).toBe('B-LTA');
      expect(entry.tsas.map((t) => ({ ...t, serial: serialOf(t.serial) }))).toEqual([
        { name: 'Layanan Stempel Waktu Lokal', serial, notAfter },
      ]);
      expect(entry.lastTimestamp?.tsa.notAfter).toBe(notAfter);
      expect(entry.lastTimestamp?.field).toMatch(/^stempel-waktu-/);
      // The signers' certificates, the TSA's and the CA's; an OCSP response saying good for each but the CA's.
      const subjects = entry.validationData.certificates.map((c) => c.subject);
      expect(subjects).toContain('Layanan Stempel Waktu Lokal');
      const ocspSerials = entry.validationData.ocspResponses.flatMap((r) => r.statuses);
      expect(ocspSerials.every((s) => s.status === 'good')).toBe(true);
      expect(ocspSerials.map((s) => serialOf(s.serial))).toContain(serial);
      expect(ocspSerials).toHaveLength(entry.validationData.certificates.length - 1);
    }
    expect(record.expiresAt).toBe(notAfter);
    expect(record.renewals).toEqual([]);
    // The level recorded is the one verification finds in each copy the record names (the archived
    // file by its key: a renewal test that ran first has made newer copies since): every signature at it.
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const { readArchivedObject } = await import('#archive/read-archived-object.ts');
    const { archiveClient } = await import('#runtime/archive-client.ts');
    for (const entry of record.copies) {
      const archived = await readArchivedObject(archiveClient(paraf.runtime), paraf.runtime.config.bucket, entry.key);
      expect(sha256(archived)).toBe(entry.sha256);
      const report = await verifyPdf(archived, [ca]);
      expect(report.ok).toBe(true);
      expect(report.signatures.length).toBeGreaterThan(0);
      expect(report.signatures.map((signature) => signature.level)).toEqual(report.signatures.map(() => entry.level));
    }
  });
});

describe('npx paraf archive renew', () => {
  it('renews nothing before the expiry, and refuses a day that is not one', async () => {
    const early = await paraf$('archive', 'renew', '--before', '2027-01-01', '--data', dataDir);
    expect(early.status, early.stderr).toBe(0);
    expect(early.stdout).toContain('Tidak ada salinan terbit');
    const wrong = await paraf$('archive', 'renew', '--before', '1 Januari', '--data', dataDir);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Tanggal "1 Januari" harus tanggal yang ada di kalender, dengan format TTTT-BB-HH.');
    // A day the calendar lacks is refused, not read as 2 March.
    const impossible = await paraf$('archive', 'renew', '--before', '2027-02-30', '--data', dataDir);
    expect(impossible.status).toBe(2);
    expect(impossible.stderr).toContain('Tanggal "2027-02-30" harus tanggal yang ada di kalender');
  }, 300_000);

  it('adds a DSS update and a document timestamp to every copy as a new revision, and says so', async () => {
    await renew();
  }, 300_000);

  it('passes openssl ts -verify, pdfsig (earlier signatures valid, the last update total) and qpdf --check', async () => {
    const renewed = await renew();
    // The new token over the byte range of the whole renewed file, and the issued copy's, made by the
    // TSA certificate since set aside: both verify against the CA.
    await expectDocumentTimestamp(renewed, caPem, work);
    await expectDocumentTimestamp(issued, caPem, work);
    const path = file('renewed.pdf', renewed);
    const nss = await nssDir();
    const blocks = tool('pdfsig', ['-nssdir', `sql:${nss}`, path], 'poppler-utils')
      .stdout.split(/^Signature #\d+:$/m)
      .slice(1);
    const cades = blocks.filter((block) => block.includes('Signature Type: ETSI.CAdES.detached'));
    // pdfsig lists the document timestamps but cannot validate them: openssl checked the last one's token.
    const stamps = blocks.filter((block) => !block.includes('Signature Type: ETSI.CAdES.detached'));
    for (const block of stamps) expect(block).toMatch(/Signer Certificate Common Name: Layanan Stempel Waktu Lokal/);
    expect({ cades: cades.length, stamps: stamps.length }).toEqual({ cades: 4, stamps: 2 });
    for (const block of cades) {
      expect(block).toContain('Signature Validation: Signature is Valid.');
      expect(block).toContain('Certificate Validation: Certificate is Trusted.');
      expect(block).toContain('Not total document signed');
    }
    expect(blocks[blocks.length - 2]).toContain('Not total document signed');
    expect(blocks.at(-1)).toMatch(/Total document signed/);
    expect(blocks.at(-1)).not.toMatch(/Not total document signed/);
    const qpdf = tool('qpdf', ['--check', path], 'qpdf');
    expect(qpdf.code, qpdf.stdout + qpdf.stderr).toBe(0);
    expect(qpdf.stdout).toContain('No syntax or stream encoding errors found');
  }, 300_000);

  it('is the issued revision for paraf verify (B-LTA) and for the verification page; the copy a holder got before it stays genuine', async () => {
    const renewed = await renew();
    const result = await paraf$('verify', file('renewed-verify.pdf', renewed), '--data', dataDir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.match(/PAdES B-LTA/g)).toHaveLength(4);
    expect(result.stdout).toMatch(/Revisi terbit: ya, revisi 6 dari 6, salinan 1 api-u/);
    expect(result.stdout).toMatch(/Data validasi \(DSS\): 6 sertifikat, 6 respons OCSP \(6 terverifikasi baik\)/);
    expect(result.stdout).toMatch(
      /Stempel waktu dokumen pembaruan-stempel-waktu-[\d-]+: sah, .+ mencakup seluruh berkas/,
    );
    // The copy as it was issued, which the holder has: still the issued one, its renewal said.
    const old = await paraf$('verify', file('issued.pdf', issued), '--data', dataDir);
    expect(old.status, old.stdout + old.stderr).toBe(0);
    expect(old.stdout).toMatch(
      /Revisi terbit: ya, revisi 5 dari 6, salinan 1 api-u, permohonan \S+, 4 tanda tangan \(sebagaimana diterbitkan; arsip sesudahnya memperbarui stempel waktunya\)/,
    );
    expect(old.stdout).toContain('HASIL: SAH');
    // A step on the way (before the document timestamp) is not a copy anyone was given.
    const text = Buffer.from(issued).toString('latin1');
    const beforeStamp = [...text.matchAll(/%%EOF/g)].map((m) => m.index + m[0].length).at(-2)!;
    const cut = await paraf$('verify', file('cut.pdf', issued.subarray(0, beforeStamp)), '--data', dataDir);
    expect(cut.status).toBe(1);
    expect(cut.stdout).not.toContain('Revisi terbit: ya');
    const shown = await fingerprintsShown(paraf.url, documentId);
    expect(shown.get(1)).toBe(sha256(renewed));
    expect(shown.get(2)).toBe(sha256(await copy(2)));
    // Verification by upload agrees: the renewed copy is the issued one, the copy before it an earlier revision.
    const uploaded = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.append('berkas', new Blob([Buffer.from(bytes)], { type: 'application/pdf' }), 'izin.pdf');
      const response = await fetch(`${paraf.url}/verifikasi`, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      return (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    expect(await uploaded(renewed)).toContain(
      'Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur. Berkas ini sama persis dengan dokumen yang diterbitkan dan diarsipkan kantor.',
    );
    expect(await uploaded(issued)).toContain(
      'Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur. Berkas ini sama persis dengan dokumen yang diterbitkan. Sesudahnya kantor menambahkan penanda waktu baru pada salinan arsipnya',
    );
    expect(await uploaded(issued.subarray(0, beforeStamp))).toContain(
      'Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi bukan versi akhirnya.',
    );
    // After the first TSA certificate's end the holder's copy proves nothing by itself; the archive's
    // renewed copy, which holds it, still does, and the page reads that one (the review's finding).
    const later = new Date(`${afterExpiry}T12:00:00Z`);
    expect((await verifyPdf(issued, [pemToDer(readFileSync(caPem, 'utf8'))], later)).ok).toBe(false);
    const { verifyUpload } = await import('#cases/verify-upload.ts');
    const held = await verifyUpload(paraf.runtime, issued, later);
    expect(held).toMatchObject({ match: { standing: 'issued' }, renewed: true, signatures: { ok: true } });
    expect(uploadAnswer(held).toString()).toContain('Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.');
  }, 300_000);

  it("makes the document's history sheets again, sealed, listing the renewal and the renewed copies' hashes beside the issued ones", async () => {
    const renewed = await renew();
    const response = await fetch(`${paraf.url}/verifikasi/${documentId}/lembar-riwayat`);
    expect(response.status).toBe(200);
    const sheet = file('renewed-sheet.pdf', new Uint8Array(await response.arrayBuffer()));
    const text = tool('pdftotext', ['-raw', sheet, '-'], 'poppler-utils').stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Bagian untuk umum (verifikasi dokumen)');
    // The copy as issued, which the holder has, and each copy as the renewal archived it.
    expect(text).toContain(sha256(issued));
    expect(text).toContain(sha256(renewed));
    for (const n of [2, 3]) expect(text).toContain(sha256(await copy(n)));
    expect(text).toContain('rangkap 1 (pembaruan stempel waktu dokumen)');
    const report = tool('pdfsig', ['-nssdir', `sql:${await nssDir()}`, sheet], 'poppler-utils').stdout;
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(tool('qpdf', ['--check', sheet], 'qpdf').code).toBe(0);
    // The staff's full sheet names the renewal among the trail's other lines.
    const { findHistorySheets } = await import('#cases/make-history-sheets.ts');
    const { readArchivedObject } = await import('#archive/read-archived-object.ts');
    const { archiveClient } = await import('#runtime/archive-client.ts');
    const keys = await findHistorySheets(paraf.runtime, caseId, 'api-u');
    const full = file(
      'renewed-sheet-full.pdf',
      await readArchivedObject(archiveClient(paraf.runtime), paraf.runtime.config.bucket, keys.lengkap!),
    );
    const fullText = tool('pdftotext', ['-raw', full, '-'], 'poppler-utils').stdout.replace(/\s+/g, ' ');
    expect(fullText).toContain('Pembaruan stempel waktu dokumen');
    expect(fullText).toContain(sha256(renewed));
  }, 300_000);

  it('does nothing new when run again with the same day', async () => {
    const renewed = await renew();
    const before = archivedCopies();
    const state = await paraf.runtime.dynamo.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: paraf.runtime.config.table,
        Key: { pk: `CASE#${caseId}`, sk: 'DOC#api-u' },
      }),
    );
    const again = await expectNothingChanged(paraf, 'a second renewal for the same day', () =>
      paraf$('archive', 'renew', '--before', afterExpiry, '--data', dataDir),
    );
    expect(again.status, again.stderr).toBe(0);
    // Its last timestamp is the new TSA's now, which outlasts the day: nothing is listed any more.
    expect(again.stdout).toBe(
      `Tidak ada salinan terbit yang sertifikat TSA stempel waktu terakhirnya berakhir sebelum ${afterExpiry}.\n`,
    );
    expect(archivedCopies()).toEqual(before);
    expect(await copy(1)).toEqual(renewed);
    const after = await paraf.runtime.dynamo.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: paraf.runtime.config.table,
        Key: { pk: `CASE#${caseId}`, sk: 'DOC#api-u' },
      }),
    );
    expect(after.Item).toEqual(state.Item);
  }, 300_000);
});

describe("the running Paraf's daily renewal (what the monthly rule does on AWS)", () => {
  it('runs the scheduled renewal once per WITA day of its clock, with the margin, and leaves a document renewed under the new TSA certificate', async () => {
    const renewed = await renew();
    const margin = paraf.runtime.config.renewalMarginDays;
    expect(margin).toBe(MARGIN_DAYS);
    const day = 86_400_000;
    // Ten days past the TSA certificate's expiry, once the margin is added.
    let clock = new Date(Date.parse(`${afterExpiry}T04:00:00Z`) - (margin - 10) * day);
    const asked: string[] = [];
    const logged: string[] = [];
    const daily = renewEachDay(
      async (now) => {
        const run = await renewDueTimestamps(paraf.runtime, now);
        asked.push(run.before);
        return run;
      },
      () => clock,
      (message) => logged.push(message),
    );
    try {
      const before = archivedCopies();
      const first = await daily.tick();
      const tenDaysOn = new Date(Date.parse(`${afterExpiry}T00:00:00Z`) + 10 * day).toISOString().slice(0, 10);
      expect(first?.before).toBe(tenDaysOn);
      // Renewed by the operator already, under the new TSA certificate that ends years later: nothing due.
      expect(first?.results).toEqual([]);
      expect(logged).toEqual([]);
      expect(archivedCopies()).toEqual(before);
      // Later the same WITA day (15.59 UTC is 23.59 WITA): not again.
      clock = new Date(clock.getTime() + 11 * 3_600_000 + 59 * 60_000);
      expect(await daily.tick()).toBeUndefined();
      // The next WITA day (16.01 UTC): it runs again.
      clock = new Date(clock.getTime() + 2 * 60_000);
      expect((await daily.tick())?.results).toEqual([]);
      clock = new Date(Date.now());
      expect(await daily.tick()).toEqual({
        before: new Date(Date.now() + margin * day).toISOString().slice(0, 10),
        results: [],
      });
      expect(asked).toHaveLength(3);
      expect(archivedCopies()).toEqual(before);
      expect(await copy(1)).toEqual(renewed);
    } finally {
      await daily.close();
    }
  }, 420_000);
});

describe("the renewal function's event (Lambda: the monthly rule, or an operator's day)", () => {
  it('renews for the day an operator names, on the schedule with the margin, and refuses any other field by name, changing nothing', async () => {
    const renewed = await renew();
    const { handler } = await import('#handlers/renew-timestamps.ts');
    const margin = paraf.runtime.config.renewalMarginDays;
    const refusals = await expectNothingChanged(paraf, 'refused renewal events', async () =>
      Promise.all(
        [{ before: afterExpiry, force: true }, { before: '1 Juni 2031' }, {}, undefined].map((event) =>
          handler(event).then(
            () => 'diterima',
            (error: Error) => error.message,
          ),
        ),
      ),
    );
    expect(refusals).toEqual([
      'Permintaan pembaruan stempel waktu tidak sah (force): kirim {"before":"TTTT-BB-HH"} saja.',
      'Permintaan pembaruan stempel waktu tidak sah (before): kirim {"before":"TTTT-BB-HH"} saja.',
      'Permintaan pembaruan stempel waktu tidak sah (before): kirim {"before":"TTTT-BB-HH"} saja.',
      'Permintaan pembaruan stempel waktu tidak sah (isi permintaan): kirim {"before":"TTTT-BB-HH"} saja.',
    ]);
    // The operator's day: this document was renewed for it already, under a TSA certificate outlasting it: nothing due.
    expect(await handler({ before: afterExpiry })).toEqual({ before: afterExpiry, renewed: 0, already: 0, failed: 0 });
    // EventBridge's scheduled event: the day is today plus the margin, before which nothing expires yet.
    const dayWithMargin = () => new Date(Date.now() + margin * 86_400_000).toISOString().slice(0, 10);
    const around = [dayWithMargin()];
    const scheduled = await handler({
      version: '0',
      id: 'c1d2',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: new Date().toISOString(),
      detail: {},
    });
    around.push(dayWithMargin());
    expect(around).toContain(scheduled.before);
    expect(scheduled).toEqual({
      before: scheduled.before,
      renewed: 0,
      already: 0,
      failed: 0,
    });
    expect(await copy(1)).toEqual(renewed);
  }, 300_000);
});

describe('npx paraf archive index', () => {
  it('fills in the hash index, the long-term record and the history sheets a document archived without them lacks; a second run makes nothing', async () => {
    await renew();
    const nss = await nssDir();
    const rt = paraf.runtime;
    const { DeleteCommand, GetCommand, PutCommand, ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { DeleteObjectCommand, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const { longTermKey, permitKey, revisionHashKey, PERMIT_KEYS_FILLED } = await import('#records/keys.ts');
    const { findHash } = await import('#records/revision-hashes.ts');
    const { archiveClient } = await import('#runtime/archive-client.ts');
    const s3 = archiveClient(rt);
    const copies = await Promise.all([1, 2, 3].map(async (n) => sha256(await copy(n))));
    const prefix = `cases/${caseId}/history-sheets/api-u/`;
    const sheetKeys = async () =>
      ((await s3.send(new ListObjectsV2Command({ Bucket: rt.config.bucket, Prefix: prefix }))).Contents ?? [])
        .map((object) => object.Key!)
        .sort();
    // The rebuilt record has no renewals (nothing shows them in the file): the one the renewal wrote is
    // put back after, so the scheduled renewal's test finds the renewal done whichever runs first.
    const kept = (
      await rt.dynamo.send(new GetCommand({ TableName: rt.config.table, Key: longTermKey(caseId, 'api-u') }))
    ).Item!;
    onTestFinished(async () => {
      await rt.dynamo.send(new PutCommand({ TableName: rt.config.table, Item: kept }));
    });
    // As a document archived before this release: no hashes, no long-term record, no sheet.
    for (const hash of copies)
      await rt.dynamo.send(new DeleteCommand({ TableName: rt.config.table, Key: revisionHashKey(hash) }));
    await rt.dynamo.send(new DeleteCommand({ TableName: rt.config.table, Key: longTermKey(caseId, 'api-u') }));
    for (const key of await sheetKeys()) await s3.send(new DeleteObjectCommand({ Bucket: rt.config.bucket, Key: key }));
    expect(await findHash(rt.dynamo, rt.config.table, 'revision', copies[0]!)).toBeUndefined();
    expect((await fetch(`${paraf.url}/verifikasi/${documentId}/lembar-riwayat`)).status).toBe(404);
    // Its name entries as the release before wrote them: the document's id alone.
    const nameEntries = async () =>
      (
        await rt.dynamo.send(
          new ScanCommand({
            TableName: rt.config.table,
            FilterExpression: 'begins_with(pk, :names) AND documentId = :id',
            ExpressionAttributeValues: { ':names': 'PERMITNAME#', ':id': documentId },
          }),
        )
      ).Items ?? [];
    const entries = await nameEntries();
    expect(entries.length).toBeGreaterThan(0);
    for (const { pk, sk } of entries)
      await rt.dynamo.send(new PutCommand({ TableName: rt.config.table, Item: { pk, sk, documentId } }));
    // Its record as the release before wrote it: no status index keys (the search by status or dates alone), no file number.
    const { Item: written } = await rt.dynamo.send(
      new GetCommand({ TableName: rt.config.table, Key: permitKey(documentId), ConsistentRead: true }),
    );
    const { gsi1pk: _pk, gsi1sk: _sk, fileNumber, ...older } = written!;
    expect(fileNumber).toMatch(/^API-U\/\d{4}\/\d+$/);
    await rt.dynamo.send(new PutCommand({ TableName: rt.config.table, Item: older }));
    // The Arsip's search by status alone, over HTTP.
    const byStatus = async () =>
      ((await clerk.json('/api/permits?status=aktif')).body.permits as { documentId: string }[]).map(
        (p) => p.documentId,
      );
    expect(await byStatus()).not.toContain(documentId);

    const result = await paraf$('archive', 'index', '--data', dataDir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `${documentId}: dibuat indeks sidik jari, catatan validasi jangka panjang, lembar riwayat, indeks nama, indeks status dan nomor berkas`,
    );
    const permit = await getPermit(rt.dynamo, rt.config.table, documentId);
    expect(permit?.fileNumber).toBe(fileNumber);
    expect(await byStatus()).toContain(documentId);
    const filled = await nameEntries();
    expect(filled).toHaveLength(entries.length);
    for (const entry of filled) expect(entry).toMatchObject({ ...permit });
    expect(result.stdout).toContain('Dokumen diperiksa: 1, dilengkapi: 1, gagal: 0.');
    for (const [i, hash] of copies.entries()) {
      const found = await findHash(rt.dynamo, rt.config.table, 'revision', hash);
      // Each copy's whole file: its last revision.
      expect(found).toMatchObject({ documentId, copy: i + 1 });
      expect(found?.revision).toBe(found?.revisions);
    }
    const record = (await getLongTermRecord(rt.dynamo, rt.config.table, caseId, 'api-u'))!;
    expect(record.copies.map((entry) => [entry.sha256, entry.level])).toEqual(copies.map((hash) => [hash, 'B-LTA']));
    expect(record.copies[0]!.lastTimestamp?.field).toBe(`pembaruan-stempel-waktu-${afterExpiry}`);
    const made = await sheetKeys();
    expect(made).toHaveLength(2);
    const response = await fetch(`${paraf.url}/verifikasi/${documentId}/lembar-riwayat`);
    expect(response.status).toBe(200);
    const sheet = file('backfilled-sheet.pdf', new Uint8Array(await response.arrayBuffer()));
    const text = tool('pdftotext', ['-raw', sheet, '-'], 'poppler-utils').stdout.replace(/\s+/g, ' ');
    expect(text).toContain('LEMBAR RIWAYAT DOKUMEN');
    expect(text).toContain('Bagian untuk umum (verifikasi dokumen)');
    for (const hash of copies) expect(text).toContain(hash);
    const report = tool('pdfsig', ['-nssdir', `sql:${nss}`, sheet], 'poppler-utils').stdout;
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(tool('qpdf', ['--check', sheet], 'qpdf').code).toBe(0);

    const again = await paraf$('archive', 'index', '--data', dataDir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe('Dokumen diperiksa: 1, dilengkapi: 0, gagal: 0.\n');
    expect(await sheetKeys()).toEqual(made);

    // The start fills an older table's status index by itself, once per table: this start left its mark; a record
    // from before, with the mark gone (a table the release before made), is filled by the pass, and a second
    // pass reads the mark only.
    expect(await permitKeysFilledAt(rt.dynamo, rt.config.table)).toBeDefined();
    await rt.dynamo.send(new PutCommand({ TableName: rt.config.table, Item: older }));
    await rt.dynamo.send(new DeleteCommand({ TableName: rt.config.table, Key: PERMIT_KEYS_FILLED }));
    expect(await byStatus()).not.toContain(documentId);
    expect(await fillPermitKeysOnce(rt)).toEqual({ changed: 1, failed: 0 });
    expect(await byStatus()).toContain(documentId);
    expect((await getPermit(rt.dynamo, rt.config.table, documentId))?.fileNumber).toBe(fileNumber);
    expect(await fillPermitKeysOnce(rt)).toBeUndefined();
    // A damaged record in an SOP's list is reported, the other SOPs' permits go on, and the mark waits for a
    // pass without failures (the start says it and starts; the next start tries again).
    const damaged = { ...permitKey('rusak.api-u'), gsi4pk: 'SOP#SOP-LP2N-PPK-01', gsi4sk: '2020-01-01T00:00:00.000Z' };
    await rt.dynamo.send(new PutCommand({ TableName: rt.config.table, Item: damaged }));
    await rt.dynamo.send(new DeleteCommand({ TableName: rt.config.table, Key: PERMIT_KEYS_FILLED }));
    const failures: string[] = [];
    expect(await fillPermitKeysOnce(rt, { failed: (what) => failures.push(what) })).toEqual({ changed: 0, failed: 1 });
    expect(failures).toEqual(['SOP-LP2N-PPK-01']);
    expect(await permitKeysFilledAt(rt.dynamo, rt.config.table)).toBeUndefined();
    await rt.dynamo.send(new DeleteCommand({ TableName: rt.config.table, Key: permitKey('rusak.api-u') }));
    expect(await fillPermitKeysOnce(rt)).toEqual({ changed: 0, failed: 0 });
    expect(await permitKeysFilledAt(rt.dynamo, rt.config.table)).toBeDefined();
  }, 600_000);
});

describe("the running Paraf's daily renewal, refused for the TSA's certificate", () => {
  it('says it once that day, not each hour: an hour does not replace the certificate', async () => {
    const { ParafError } = await import('#errors/paraf-error.ts');
    let clock = new Date('2031-06-01T01:00:00Z');
    const logged: string[] = [];
    let runs = 0;
    const daily = renewEachDay(
      async () => {
        runs += 1;
        throw new ParafError(
          'tsa-certificate-ending',
          'Sertifikat TSA berakhir 2031-12-06, tidak melewati 2032-06-01.',
        );
      },
      () => clock,
      (message) => logged.push(message),
    );
    try {
      expect(await daily.tick()).toBeUndefined();
      clock = new Date(clock.getTime() + 3_600_000);
      expect(await daily.tick()).toBeUndefined();
      expect(runs).toBe(1);
      expect(logged).toEqual([
        'timestamp renewal refused: Sertifikat TSA berakhir 2031-12-06, tidak melewati 2032-06-01.',
      ]);
      // The next WITA day it is asked again.
      clock = new Date(clock.getTime() + 86_400_000);
      await daily.tick();
      expect(runs).toBe(2);
    } finally {
      await daily.close();
    }
  });
});

describe("the renewal's report", () => {
  it('names a failed document in Bahasa Indonesia, without the technical cause, and counts it', () => {
    const text = describeRenewals(
      [
        {
          documentId: 'K1.api-u',
          outcome: 'failed',
          problem: 'otoritas stempel waktu (TSA) tidak menjawab atau menolak; ulangi nanti.',
          cause: 'the TSA at http://127.0.0.1:1/tsa could not be reached: fetch failed',
        },
        { documentId: 'K2.api-u', outcome: 'renewed', revision: 5, expiresAt: '2040-01-01T00:00:00.000Z' },
      ],
      '2031-01-01',
    );
    expect(text).toContain('GAGAL K1.api-u: otoritas stempel waktu (TSA) tidak menjawab atau menolak; ulangi nanti.');
    expect(text).toContain('K2.api-u: diperbarui menjadi revisi 5; sertifikat TSA berakhir 2040-01-01');
    expect(text).not.toMatch(/could not|fetch failed/);
    expect(text).toContain('Diperbarui: 1, sudah sebelumnya: 0, gagal: 1.');
  });
});

describe("the renewal's TSA certificate", () => {
  it('is used where it outlasts the day or some copy due, and refused where it has ended or gains no copy anything', async () => {
    const { tsaOutlasts } = await import('#cases/renew-timestamps.ts');
    const now = new Date('2030-01-01T00:00:00Z');
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const olderCopy = { expiresAt: '2031-06-01T00:00:00.000Z' };
    const sameCopy = { expiresAt: '2031-12-06T00:00:00.000Z' };
    // Outlasting the day asked.
    expect(tsaOutlasts(day('2035-01-01'), now, day('2033-01-02'), [sameCopy])).toBe(true);
    // Not the day, but a copy stamped under an older TSA certificate gains the months between (the review).
    expect(tsaOutlasts(day('2031-12-06') + 1, now, day('2033-01-02'), [olderCopy, sameCopy])).toBe(true);
    // Neither the day nor any copy: a revision that gains nothing.
    expect(tsaOutlasts(day('2031-12-06'), now, day('2033-01-02'), [sameCopy])).toBe(false);
    // Ended, or its end unknown.
    expect(tsaOutlasts(day('2029-12-31'), now, day('2029-12-01'), [])).toBe(false);
    expect(tsaOutlasts(Number.NaN, now, day('2033-01-02'), [olderCopy])).toBe(false);
  });
});
