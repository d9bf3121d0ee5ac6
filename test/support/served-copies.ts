import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { extractSignatures } from './pdf-signatures.ts';

/**
 * A tool run asynchronously: a synchronous run blocks the event loop for seconds, during which a
 * pooled HTTP connection the server closes is not noticed, and the next request on it fails
 * ("other side closed").
 */
function tool(command: string, args: string[], debianPackage: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
        return reject(new Error(`${command} is missing: apt-get install ${debianPackage} (npm run test:setup)`));
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The last signature dictionary of a file is a document timestamp (/SubFilter /ETSI.RFC3161) whose
 * token `openssl ts -verify` accepts over the bytes its range covers (the whole file), trusting the CA.
 */
export async function expectDocumentTimestamp(pdf: Uint8Array, caFile: string, work: string) {
  const text = Buffer.from(pdf).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges[ranges.length - 1]!;
  const [first, second, length] = [Number(last[1]), Number(last[2]), Number(last[3])];
  expect(second + length).toBe(pdf.length);
  expect(text.slice(Math.max(0, last.index - 300), last.index + 300)).toMatch(/\/SubFilter\s*\/ETSI\.RFC3161/);
  const padded = Buffer.from(text.slice(first + 1, second - 1), 'hex');
  // The DER's own length, from its header; the zeros after it are the hole's padding.
  const lengthBytes = padded[1]! & 0x80 ? padded[1]! & 0x7f : 0;
  const derLength = lengthBytes ? 2 + lengthBytes + padded.readUIntBE(2, lengthBytes) : 2 + padded[1]!;
  const token = join(work, 'document-timestamp.tst');
  const data = join(work, 'document-timestamp.bin');
  writeFileSync(token, padded.subarray(0, derLength));
  writeFileSync(data, Buffer.concat([pdf.subarray(0, first), pdf.subarray(second, second + length)]));
  const verified = await tool(
    'openssl',
    ['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', caFile],
    'openssl',
  );
  expect(verified.stdout + verified.stderr).toContain('Verification: OK');
}

/** An NSS database in `work`/nss that trusts `caFile`, for `pdfsig -nssdir` (its path, with the sql: prefix). */
export async function trustingNssDb(work: string, caFile: string): Promise<string> {
  const nss = join(work, 'nss');
  mkdirSync(nss);
  expect((await tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], 'libnss3-tools')).code).toBe(0);
  const imported = await tool(
    'certutil',
    ['-A', '-d', `sql:${nss}`, '-n', 'paraf-dev-ca', '-t', 'CT,C,C', '-i', caFile],
    'libnss3-tools',
  );
  expect(imported.code, imported.stderr).toBe(0);
  return `sql:${nss}`;
}

/**
 * The officials' signatures in `pdf` as pdfsig reports them trusting `caFile` (not -nocert): each one
 * must be valid and its certificate trusted; returns how many there are.
 */
export async function trustedSignatureCount(pdf: Uint8Array, caFile: string): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'paraf-sig-'));
  try {
    const nss = await trustingNssDb(work, caFile);
    const file = join(work, 'copy.pdf');
    writeFileSync(file, pdf);
    return await pdfsigTrustedCount(file, nss);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * pdfsig's report on `file` with the NSS database `nss` as its trust: every CAdES signature valid and
 * its signer's certificate trusted; returns how many there are. `about` names the file in a failure.
 */
async function pdfsigTrustedCount(file: string, nss: string, about: Record<string, unknown> = {}): Promise<number> {
  const report = (await tool('pdfsig', ['-nssdir', nss, file], 'poppler-utils')).stdout;
  const cades = report
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .filter((block) => block.includes('Signature Type: ETSI.CAdES.detached'));
  // pdfsig (poppler 22 with NSS) validates a certificate once per file: the same certificate's
  // second signature (the Kepala's signature, then the register stamp) reads "Unknown issue with
  // Certificate", whatever the file (two signatures by one key on a blank PDF do the same). Its
  // trust is the first occurrence's; each signature must still be valid itself.
  const trusted = new Set<string>();
  for (const block of cades) {
    expect({ ...about, validation: /Signature Validation: (.+)/.exec(block)?.[1] }).toEqual({
      ...about,
      validation: 'Signature is Valid.',
    });
    const signer = /Signer full Distinguished Name: (.+)/.exec(block)?.[1] ?? '';
    if (trusted.has(signer)) continue;
    expect({ ...about, signer, trust: /Certificate Validation: (.+)/.exec(block)?.[1] }).toEqual({
      ...about,
      signer,
      trust: 'Certificate is Trusted.',
    });
    trusted.add(signer);
  }
  return cades.length;
}

/** What the public verification page (the HTML a person sees behind the QR code) shows as each copy's SHA-256. */
export async function fingerprintsShown(baseUrl: string, documentId: string): Promise<Map<number, string>> {
  const response = await fetch(`${baseUrl}/verifikasi/${documentId}`, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  return fingerprintsIn(await response.text());
}

/** Each copy's SHA-256 as the verification page's HTML shows it, by copy number ("Tanpa rangkap": copy 1). */
export const fingerprintsIn = (html: string): Map<number, string> =>
  new Map(
    [...html.matchAll(/<li>(?:Rangkap (\d)|Tanpa rangkap): <code>([0-9a-f]{64})<\/code><\/li>/g)].map((m) => [
      Number(m[1] ?? 1),
      m[2]!,
    ]),
  );

/** The copy after the last one an issued document has (copy 2 of a single sheet) is refused, not served. */
async function expectNoCopyBeyond(
  staff: { baseUrl: string; fetch(url: string): Promise<Response> },
  documentId: string,
  count: number,
): Promise<void> {
  if (count === 3) return;
  const response = await staff.fetch(`${staff.baseUrl}/api/permits/${documentId}/copies/${count + 1}`);
  await response.arrayBuffer();
  expect({ documentId, copy: count + 1, status: response.status }).toEqual({
    documentId,
    copy: count + 1,
    status: 404,
  });
}

/** The copy numbers a copy's text names in its label ("Rangkap n: ..."): one, its own. */
export const copyLabels = (text: string): number[] => [
  ...new Set([...text.matchAll(/Rangkap (\d):/g)].map((m) => Number(m[1]))),
];

/**
 * Downloads the copies of an issued document as a person does (a permit's three; one sheet, copy 1, of
 * a document the catalog issues once: `signatures` has one entry per copy) and checks each as served:
 * its own label ("Rangkap n: ...", none on a single sheet) in its text and no other copy's, its SHA-256
 * equal to what the verification page shows for that copy, and pdfsig, trusting the installation's CA
 * (not -nocert), finding `signatures[n-1]` signatures, each valid and trusted, the last covering the
 * whole file. A copy beyond them is not served.
 */
export async function expectServedCopies(
  /** A staff member's client (the copies are a staff API): Clerk. */
  staff: { baseUrl: string; fetch(url: string): Promise<Response> },
  documentId: string,
  dataDir: string,
  signatures: [number, number, number] | [number],
  /**
   * What an earlier release left out of a permit it rendered (no QR code), signed (no signature
   * timestamps: those there are still checked) or finished (no document timestamp either),
   * test/local/upgrade.test.ts: the signatures must still verify.
   */
  carries: { qr: boolean; documentTimestamp: boolean; signatureTimestamps?: boolean; renewals?: number } = {
    qr: true,
    documentTimestamp: true,
  },
) {
  const baseUrl = staff.baseUrl;
  const work = mkdtempSync(join(tmpdir(), 'paraf-served-'));
  try {
    const nss = await trustingNssDb(work, join(dataDir, 'pki', 'ca.cert.pem'));
    const shown = await fingerprintsShown(baseUrl, documentId);
    const copies = signatures.map((_, index) => index + 1);
    expect([...shown.keys()]).toEqual(copies);
    const served: string[] = [];
    // All first: the checks below take seconds each, longer than an idle connection is kept open.
    const downloads = new Map<number, Buffer>();
    await expectNoCopyBeyond(staff, documentId, copies.length);
    for (const n of copies) {
      const response = await staff.fetch(`${baseUrl}/api/permits/${documentId}/copies/${n}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      downloads.set(n, Buffer.from(await response.arrayBuffer()));
    }
    // Asked before the checks too: after seconds of blocking tools, a pooled connection the server closed meanwhile fails ("other side closed").
    const verification = await fetch(`${baseUrl}/verifikasi/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    for (const [n, bytes] of downloads) {
      const file = join(work, `copy-${n}.pdf`);
      writeFileSync(file, bytes);
      const text = (await tool('pdftotext', ['-layout', file, '-'], 'poppler-utils')).stdout;
      expect({ copy: n, labels: copyLabels(text) }).toEqual({ copy: n, labels: copies.length === 1 ? [] : [n] });
      if (copies.length === 1) expect(text.replace(/\s+/g, ' ')).toMatch(/Satu lembar|Tanpa rangkap/);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect({ copy: n, sha256 }).toEqual({ copy: n, sha256: shown.get(n) });
      served.push(sha256);
      const report = (await tool('pdfsig', ['-nssdir', nss, file], 'poppler-utils')).stdout;
      const blocks = report.split(/^Signature #\d+:$/m).slice(1);
      // The officials' signatures, then the document timestamp (PAdES B-LTA), which pdfsig lists but
      // cannot validate ("Unable to validate this type of signature"): openssl checks its token.
      const cades = blocks.filter((block) => block.includes('Signature Type: ETSI.CAdES.detached'));
      // One document timestamp when issued, and one more for each renewal (`paraf archive renew`).
      const timestamps = carries.documentTimestamp ? 1 + (carries.renewals ?? 0) : 0;
      expect({ copy: n, signatures: cades.length, all: blocks.length }).toEqual({
        copy: n,
        signatures: signatures[n - 1],
        all: signatures[n - 1]! + timestamps,
      });
      for (const block of cades) {
        expect(block).toContain('Signature Validation: Signature is Valid.');
        expect(block).toContain('Certificate Validation: Certificate is Trusted.');
      }
      await expectSignatureTimestamps(bytes, n, carries.signatureTimestamps ?? true, dataDir, work);
      if (carries.documentTimestamp) {
        expect(blocks.at(-1)).toMatch(/Signer Certificate Common Name: Layanan Stempel Waktu Lokal/);
        expect(blocks.at(-1)).toMatch(/Total document signed/);
        expect(blocks.at(-1)).not.toMatch(/Not total document signed/);
        await expectDocumentTimestamp(new Uint8Array(bytes), join(dataDir, 'pki', 'ca.cert.pem'), work);
      }
      if (!carries.qr) continue;
      // The QR code, as a phone reads it from the printed page, leads to this document's public page.
      expect({ copy: n, qr: await scannedQrCodes(file, work) }).toEqual({
        copy: n,
        qr: [`${baseUrl}/verifikasi/${documentId}`],
      });
    }
    expect(verification.status).toBe(200);
    expect(new Set(served).size).toBe(copies.length);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The QR codes zbarimg reads from a PDF's pages rendered by pdftoppm at 150 dpi, as a phone would read
 * the printed page: the decoded texts, in page order.
 */
async function scannedQrCodes(file: string, work: string): Promise<string[]> {
  const prefix = join(work, `scan-${createHash('sha256').update(file).digest('hex').slice(0, 12)}`);
  await tool('pdftoppm', ['-png', '-r', '150', file, prefix], 'poppler-utils');
  const pages = readdirSync(work)
    .filter((name) => join(work, name).startsWith(`${prefix}-`) && name.endsWith('.png'))
    .sort();
  const scanned = await tool('zbarimg', ['-q', ...pages.map((name) => join(work, name))], 'zbar-tools');
  return scanned.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^QR-Code:/, ''));
}

/**
 * Each copy of an issued document as served (three, or one sheet: one entry in `signatures`, and no
 * copy 2 served): its own label, `signatures[n-1]` signatures, each valid
 * and trusted in pdfsig with the installation's CA, and one QR code, which zbarimg reads from the
 * rendered pages (any document kind, whatever its layout), whose address opens that document's
 * public verification page, whose HTML shows this copy's SHA-256.
 */
export async function expectQrOnEveryCopy(
  staff: { baseUrl: string; fetch(url: string): Promise<Response> },
  documentId: string,
  dataDir: string,
  signatures: [number, number, number] | [number],
): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'paraf-qr-'));
  const nss = await trustingNssDb(work, join(dataDir, 'pki', 'ca.cert.pem'));
  const copies = signatures.map((_, index) => index + 1);
  try {
    await expectNoCopyBeyond(staff, documentId, copies.length);
    for (const n of copies) {
      const response = await staff.fetch(`${staff.baseUrl}/api/permits/${documentId}/copies/${n}`);
      expect({ documentId, copy: n, status: response.status }).toEqual({ documentId, copy: n, status: 200 });
      const bytes = Buffer.from(await response.arrayBuffer());
      const file = join(work, `copy-${n}.pdf`);
      writeFileSync(file, bytes);
      // Its own label, and every signature valid and trusted with the office CA (not -nocert).
      const text = (await tool('pdftotext', ['-layout', file, '-'], 'poppler-utils')).stdout;
      expect({ documentId, copy: n, labels: copyLabels(text) }).toEqual({
        documentId,
        copy: n,
        labels: copies.length === 1 ? [] : [n],
      });
      if (copies.length === 1) expect(text.replace(/\s+/g, ' ')).toMatch(/Satu lembar|Tanpa rangkap/);
      const signed = await pdfsigTrustedCount(file, nss, { documentId, copy: n });
      expect({ documentId, copy: n, signed }).toEqual({ documentId, copy: n, signed: signatures[n - 1] });
      const codes = await scannedQrCodes(file, work);
      expect({ documentId, copy: n, codes }).toEqual({
        documentId,
        copy: n,
        codes: [`${staff.baseUrl}/verifikasi/${documentId}`],
      });
      // The page it opens, as a person sees it, is this document's: it shows this very copy's fingerprint.
      const shown = await fingerprintsShown(codes[0]!.replace(`/verifikasi/${documentId}`, ''), documentId);
      expect({ documentId, copy: n, sha256: shown.get(n) }).toEqual({
        documentId,
        copy: n,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Each official's signature's own RFC 3161 token (PAdES B-T), over its signature value, as `openssl
 * ts -verify` reads it with the installation's CA trusted; every signature has one unless `required`
 * is false (an earlier release's), and those there are checked either way.
 */
async function expectSignatureTimestamps(
  bytes: Uint8Array,
  copy: number,
  required: boolean,
  dataDir: string,
  work: string,
) {
  const signed = extractSignatures(new Uint8Array(bytes)).filter((s) => s.subFilter === 'ETSI.CAdES.detached');
  for (const [i, signature] of signed.entries()) {
    if (!signature.timestampToken) {
      expect({ copy, signature: i + 1, timestamped: false }).toEqual({
        copy,
        signature: i + 1,
        timestamped: required,
      });
      continue;
    }
    const token = join(work, `copy-${copy}-${i}.tst`);
    const data = join(work, `copy-${copy}-${i}.sig`);
    writeFileSync(token, signature.timestampToken);
    writeFileSync(data, signature.signatureValue);
    const verified = await tool(
      'openssl',
      ['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', join(dataDir, 'pki', 'ca.cert.pem')],
      'openssl',
    );
    expect({ copy, signature: i + 1, openssl: verified.stdout + verified.stderr }).toEqual({
      copy,
      signature: i + 1,
      openssl: expect.stringContaining('Verification: OK'),
    });
  }
}
