import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { LocalSigner, type OfficialIdentity } from '#signing/local-signer.ts';
import { signPdf, type SignatureRequest } from '#signing/sign-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-signing-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tool(command: string, args: string[], debianPackage: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} is missing: apt-get install ${debianPackage}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const STAFF: Record<string, OfficialIdentity> = {
  kasi: { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan Perizinan dan Non Perizinan' },
  kabid: { id: 'kabid', name: 'Hj. Nurul Aini, S.H., M.H.', nip: '197811032003122004', position: 'Kabid Layanan Perizinan dan Non Perizinan' },
  kepala: { id: 'kepala', name: 'Dr. H. Bambang Suryadi, S.E., M.Si.', nip: '197205141998031007', position: 'Kepala Dinas' },
  tu: { id: 'tu', name: 'Siti Aminah', nip: '199002022015032003', position: 'Petugas Tata Usaha' },
};
const signer = new LocalSigner(join(work, 'data'), (id) => STAFF[id]);
const nssdb = join(work, 'nssdb');

/** pdfsig, trusting the development CA through its own NSS database. */
function pdfsig(pdf: Uint8Array) {
  const path = join(work, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const { stdout } = tool('pdfsig', ['-nssdir', `sql:${nssdb}`, path], 'poppler-utils');
  return stdout.split(/^Signature #\d+:$/m).slice(1).map((block) => ({
    field: /Signature Field Name: (.*)/.exec(block)?.[1],
    signer: /Common Name: (.*)/.exec(block)?.[1],
    valid: /Signature Validation: (.*)/.exec(block)?.[1],
    trusted: /Certificate Validation: (.*)/.exec(block)?.[1],
    total: /Total document signed/.test(block) && !/Not total document signed/.test(block),
  }));
}

const request = (id: string, index: number, reason: string): SignatureRequest => ({
  officialId: id,
  fieldName: `${reason.toLowerCase().replace(/\s+/g, '-')}-${id}`,
  reason,
  signerName: STAFF[id]!.name,
  location: 'Samarinda',
  signingTime: new Date('2026-11-23T03:00:00Z'),
  page: 1,
  rect: { x: 90 + index * 110, y: 60, width: 104, height: 36 },
  lines: [STAFF[id]!.position, STAFF[id]!.name, 'ditandatangani secara elektronik'],
});

let copy1: Uint8Array;
let signed: Uint8Array;
beforeAll(async () => {
  mkdirSync(nssdb);
  tool('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password'], 'libnss3-tools');
  writeFileSync(join(work, 'ca.pem'), await signer.caCertificatePem());
  const imported = tool('certutil', ['-A', '-d', `sql:${nssdb}`, '-n', 'paraf-dev-ca', '-t', 'CT,C,C', '-i', join(work, 'ca.pem')], 'libnss3-tools');
  expect(imported.code, imported.stderr).toBe(0);
  const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  copy1 = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
  signed = copy1;
  for (const [index, [id, reason]] of ([['kasi', 'Paraf'], ['kabid', 'Paraf'], ['kepala', 'Tanda tangan'], ['tu', 'Registrasi']] as const).entries()) {
    signed = await signPdf(signed, request(id, index, reason), signer);
  }
});

describe('signatures on the PDF', () => {
  it('gives each paraf, the signature and the registration its own revision, all valid and trusted by pdfsig', () => {
    const signatures = pdfsig(signed);
    expect(signatures.map((s) => s.signer)).toEqual(Object.values(STAFF).map((official) => official.name));
    for (const signature of signatures) {
      expect(signature.valid).toBe('Signature is Valid.');
      expect(signature.trusted).toBe('Certificate is Trusted.');
    }
    expect(signatures.map((s) => s.total)).toEqual([false, false, false, true]);
    // Each signature appends to the file: the earlier revisions are its exact prefix.
    expect(Buffer.from(signed.subarray(0, copy1.length)).equals(Buffer.from(copy1))).toBe(true);
  });

  it('shows a flipped byte in a signed range as a digest mismatch', () => {
    // The middle of the unsigned document: a range every later signature covers.
    const tampered = new Uint8Array(signed);
    const offset = Math.floor(copy1.length / 2);
    tampered[offset] = tampered[offset]! ^ 0x01;
    const signatures = pdfsig(tampered);
    expect(signatures).toHaveLength(4);
    for (const signature of signatures) expect(signature.valid).toBe('Digest Mismatch.');
    expect(pdfsig(signed).every((s) => s.valid === 'Signature is Valid.')).toBe(true);
  });

  it('leaves no signature covering the whole file once an unsigned update is appended', async () => {
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true });
    doc.getPage(0).drawRectangle({ x: 10, y: 10, width: 20, height: 20 });
    const appended = await doc.save({ useObjectStreams: false });
    const signatures = pdfsig(appended);
    expect(signatures.every((s) => s.valid === 'Signature is Valid.')).toBe(true);
    expect(signatures.some((s) => s.total)).toBe(false);
  });

  it('does not sign twice when a signing step is retried', async () => {
    const again = await signPdf(signed, request('tu', 3, 'Registrasi'), signer);
    expect(Buffer.from(again).equals(Buffer.from(signed))).toBe(true);
    expect(pdfsig(again)).toHaveLength(4);
  });

  it('keeps each official\'s key and certificate in the data folder, created once', async () => {
    const first = await signer.certificates('kasi');
    const again = await new LocalSigner(join(work, 'data'), (id) => STAFF[id]).certificates('kasi');
    expect(Buffer.from(again[0]!).equals(Buffer.from(first[0]!))).toBe(true);
    await expect(signer.certificates('nobody')).rejects.toThrow('unknown official "nobody"');
  });
});
