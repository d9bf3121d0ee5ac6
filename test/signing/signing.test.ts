import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { LocalPki, type OfficialIdentity } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { signPdf, type SignatureRequest } from '#signing/sign-pdf.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { applyStepSignature } from '#signing/apply-step-signature.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { findSop } from '#sop/load-catalog.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-signing-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tool(
  command: string,
  args: string[],
  debianPackage: string,
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`${command} is missing: apt-get install ${debianPackage}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const STAFF: Record<string, OfficialIdentity> = {
  kasi: {
    id: 'kasi',
    name: 'Ir. Ahmad Fauzi',
    nip: '198001012005011001',
    position: 'Kasi Layanan Perizinan dan Non Perizinan',
  },
  kabid: {
    id: 'kabid',
    name: 'Hj. Nurul Aini, S.H., M.H.',
    nip: '197811032003122004',
    position: 'Kabid Layanan Perizinan dan Non Perizinan',
  },
  kepala: {
    id: 'kepala',
    name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
    nip: '197205141998031007',
    position: 'Kepala Dinas',
  },
  tu: { id: 'tu', name: 'Siti Aminah', nip: '199002022015032003', position: 'Petugas Tata Usaha' },
};
const pki = new LocalPki(join(work, 'data'));
const signer = new LocalSigner(join(work, 'data'));
const nssdb = join(work, 'nssdb');

/** pdfsig, trusting the development CA through its own NSS database. */
function pdfsig(pdf: Uint8Array) {
  const path = join(work, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const { stdout } = tool('pdfsig', ['-nssdir', `sql:${nssdb}`, path], 'poppler-utils');
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
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
  await pki.ensureOfficials(Object.values(STAFF));
  mkdirSync(nssdb);
  tool('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password'], 'libnss3-tools');
  writeFileSync(join(work, 'ca.pem'), await pki.caCertificatePem());
  const imported = tool(
    'certutil',
    ['-A', '-d', `sql:${nssdb}`, '-n', 'paraf-dev-ca', '-t', 'CT,C,C', '-i', join(work, 'ca.pem')],
    'libnss3-tools',
  );
  expect(imported.code, imported.stderr).toBe(0);
  const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  copy1 = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
  signed = copy1;
  for (const [index, [id, reason]] of (
    [
      ['kasi', 'Paraf'],
      ['kabid', 'Paraf'],
      ['kepala', 'Tanda tangan'],
      ['tu', 'Registrasi'],
    ] as const
  ).entries()) {
    signed = await signPdf(signed, request(id, index, reason), signer);
  }
});

const caDer = async () => pemToDer(await pki.caCertificatePem());
const appendUnsignedUpdate = async (pdf: Uint8Array) => {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true });
  doc.getPage(0).drawRectangle({ x: 10, y: 10, width: 20, height: 20 });
  return doc.save({ useObjectStreams: false });
};

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
    const appended = await appendUnsignedUpdate(signed);
    const signatures = pdfsig(appended);
    expect(signatures.every((s) => s.valid === 'Signature is Valid.')).toBe(true);
    expect(signatures.some((s) => s.total)).toBe(false);
  });

  it('sets an appearance with characters beyond Latin-1 in the whole face, and the signature stays valid', async () => {
    const lines = ['Paraf elektronik', 'Łukasz Żółkiewski', '24 November 2026 pukul 10.15 WITA'];
    const pdf = await signPdf(copy1, { ...request('kasi', 0, 'Paraf'), lines }, signer);
    const path = join(work, 'beyond-latin1.pdf');
    writeFileSync(path, pdf);
    expect(tool('pdftotext', [path, '-'], 'poppler-utils').stdout).toContain('Łukasz Żółkiewski');
    expect(tool('pdffonts', [path], 'poppler-utils').stdout).toMatch(
      /^LiberationSerif\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/m,
    );
    expect(pdfsig(pdf).map((s) => s.valid)).toEqual(['Signature is Valid.']);
  });

  it('does not sign twice when a signing step is retried', async () => {
    const again = await signPdf(signed, request('tu', 3, 'Registrasi'), signer);
    expect(Buffer.from(again).equals(Buffer.from(signed))).toBe(true);
    expect(pdfsig(again)).toHaveLength(4);
  });

  it("keeps each official's key and certificate in the data folder, created once", async () => {
    const first = await signer.certificates('kasi');
    await pki.ensureOfficials(Object.values(STAFF));
    const again = await new LocalSigner(join(work, 'data')).certificates('kasi');
    expect(Buffer.from(again[0]!).equals(Buffer.from(first[0]!))).toBe(true);
    await expect(signer.certificates('nobody')).rejects.toThrow('no development key for official "nobody"');
  });
});

describe('paraf verify', () => {
  it('lists every signature with signer, position, NIP and time, trusted, the last covering the whole file', async () => {
    const report = await verifyPdf(signed, [await caDer()]);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.reason, s.signer, s.nip, s.valid, s.trusted])).toEqual([
      ['Paraf', STAFF.kasi!.name, STAFF.kasi!.nip, true, true],
      ['Paraf', STAFF.kabid!.name, STAFF.kabid!.nip, true, true],
      ['Tanda tangan', STAFF.kepala!.name, STAFF.kepala!.nip, true, true],
      ['Registrasi', STAFF.tu!.name, STAFF.tu!.nip, true, true],
    ]);
    expect(report.signatures.map((s) => s.coversWholeFile)).toEqual([false, false, false, true]);
    expect(report.signatures[2]!.signedAt).toBe('2026-11-23T03:00:00.000Z');
  });

  it('fails on a flipped byte, and on a certificate from another CA', async () => {
    const tampered = new Uint8Array(signed);
    const middle = Math.floor(copy1.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    const report = await verifyPdf(tampered, [await caDer()]);
    expect(report.ok).toBe(false);
    expect(report.signatures.every((s) => !s.valid)).toBe(true);
    const strangers = new LocalPki(join(work, 'other-ca'));
    const otherCa = pemToDer(await strangers.caCertificatePem());
    const untrusted = await verifyPdf(signed, [otherCa]);
    expect(untrusted.ok).toBe(false);
    expect(untrusted.signatures.every((s) => s.valid && s.trusted === false)).toBe(true);
  });

  it('fails a signature whose /Contents gap holds more than the hex CMS: bytes hidden there are unsigned', async () => {
    // The last signature's gap is "<hex DER, then zero padding>". Its bytes are outside every signed
    // range, so writing a dictionary entry into the padding leaves each CMS digest intact.
    const text = Buffer.from(signed).toString('latin1');
    const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
    expect(ranges).toHaveLength(4);
    const [, first, second] = ranges.at(-1)!.map(Number) as [number, number, number];
    const hole = text.slice(first, second);
    expect(hole).toMatch(/^<[0-9a-fA-F]+>$/);
    const der = Buffer.from(hole.slice(1, 65), 'hex');
    const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
    const derLength =
      2 + lengthBytes + (lengthBytes ? Number.parseInt(der.subarray(2, 2 + lengthBytes).toString('hex'), 16) : der[1]!);
    const hidden = '>/Tersembunyi(Izin ini juga berlaku untuk tambang batubara)/Pad<';
    const at = 1 + 2 * derLength + 2;
    expect(hole.slice(at, at + hidden.length + 2)).toMatch(/^0+$/);
    const tampered = Buffer.from(signed);
    tampered.write(hidden, first + at, 'latin1');
    expect(tampered.length).toBe(signed.length);
    expect(tampered.toString('latin1')).toContain('Izin ini juga berlaku untuk tambang batubara');

    const report = await verifyPdf(new Uint8Array(tampered), [await caDer()]);
    expect(report.ok).toBe(false);
    expect(report.signatures.map((s) => s.valid)).toEqual([true, true, true, false]);
    expect(report.signatures[3]!.problem).toBe('ada bita di luar tanda tangan yang tidak ditandatangani');
    // The same file without the hidden bytes passes: the failure is the gap's content, nothing else.
    expect((await verifyPdf(signed, [await caDer()])).ok).toBe(true);
  });

  it('fails a signature whose byte range does not run from the start of the file, around its gap, inside the file', async () => {
    // The last signature's /ByteRange, rewritten in place to the same length, so the file still parses.
    const text = Buffer.from(signed).toString('latin1');
    const found = [...text.matchAll(/\/ByteRange\s*\[([^\]]*)\]/g)].at(-1)!;
    const [first, second, secondLength] = found[1]!.trim().split(/\s+/).slice(1).map(Number) as [
      number,
      number,
      number,
    ];
    const withRange = (numbers: number[]) => {
      const inner = numbers.join(' ').padEnd(found[1]!.length, ' ');
      expect(inner.length, `[${inner}] in place of [${found[1]}]`).toBe(found[1]!.length);
      const tampered = Buffer.from(signed);
      tampered.write(inner, found.index! + found[0].indexOf('[') + 1, 'latin1');
      return new Uint8Array(tampered);
    };
    const malformed = {
      'starting after the first byte': [1, first - 1, second, secondLength],
      'whose second part starts inside the first': [0, first, first - 2, secondLength],
      'running past the end of the file': [0, first, second, secondLength + 1],
      'with three numbers': [0, first, second],
    };
    for (const [name, numbers] of Object.entries(malformed)) {
      const report = await verifyPdf(withRange(numbers), [await caDer()]);
      expect(report.ok, name).toBe(false);
      expect(
        report.signatures.map((s) => s.valid),
        name,
      ).toEqual([true, true, true, false]);
      expect(report.signatures[3]!.problem, name).toBe('rentang bita tanda tangan rusak');
    }
    // The same rewrite with the range it had passes: what fails is the range, not the rewriting.
    expect((await verifyPdf(withRange([0, first, second, secondLength]), [await caDer()])).ok).toBe(true);
  });

  it('exits non-zero on an unsigned update appended after the last signature, which pdfsig still calls valid', async () => {
    const file = join(work, 'appended.pdf');
    writeFileSync(file, await appendUnsignedUpdate(signed));
    const ca = join(work, 'ca-for-cli.pem');
    writeFileSync(ca, await pki.caCertificatePem());
    const result = spawnSync('npx', ['--no-install', 'paraf', 'verify', file, '--ca', ca], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/PERUBAHAN TANPA TANDA TANGAN: \d+ bita ditambahkan setelah tanda tangan terakhir/);
    expect(result.stdout).toContain('sertifikat tepercaya; mencakup revisi sebelumnya');
    const clean = join(work, 'clean.pdf');
    writeFileSync(clean, signed);
    const ok = spawnSync('npx', ['--no-install', 'paraf', 'verify', clean, '--ca', ca], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().endsWith('HASIL: SAH')).toBe(true);
  });
});

describe("the office's signatures on the three copies of a permit", () => {
  it("puts each paraf in its reviewer's cell on copy 1, the Kepala's signature and the register stamp on every copy", async () => {
    const directory = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), loadCatalog());
    const officePki = new LocalPki(join(work, 'office'));
    await officePki.ensureOfficials(directory.officials);
    const staffSigner = new LocalSigner(join(work, 'office'));
    const officeDb = join(work, 'office-nss');
    mkdirSync(officeDb);
    tool('certutil', ['-N', '-d', `sql:${officeDb}`, '--empty-password'], 'libnss3-tools');
    writeFileSync(join(work, 'office-ca.pem'), await officePki.caCertificatePem());
    tool(
      'certutil',
      ['-A', '-d', `sql:${officeDb}`, '-n', 'office-ca', '-t', 'CT,C,C', '-i', join(work, 'office-ca.pem')],
      'libnss3-tools',
    );

    const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
    const { copies } = await renderDocument(findSop('api-u')!, 'api-u', data);
    const at = new Date('2026-11-24T02:15:00Z');
    const number = '503/012/API-U/DPMPTSP-III/XI/2026';
    const signedCopies: Uint8Array[] = [];
    for (const copy of copies) {
      let pdf = copy.pdf;
      const sign = async (
        action: Parameters<typeof applyStepSignature>[0]['action'],
        officialId: string,
        decisionId: string,
      ) => {
        pdf = await applyStepSignature({
          pdf,
          slots: copy.slots,
          action,
          official: directory.byId(officialId)!,
          decisionId,
          at,
          means: { kind: 'port', signer: staffSigner },
        });
      };
      if (copy.copy === 1) {
        await sign({ kind: 'paraf', step: 8 }, 'kasi-layanan', 'd8');
        await sign({ kind: 'paraf', step: 9 }, 'kabid-layanan', 'd9');
      }
      await sign({ kind: 'signature' }, 'kepala', 'd10');
      await sign({ kind: 'registration', number }, 'tata-usaha', 'd11');
      signedCopies.push(pdf);
    }

    const check = (pdf: Uint8Array) => {
      const path = join(work, `office-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(path, pdf);
      const out = tool('pdfsig', ['-nssdir', `sql:${officeDb}`, path], 'poppler-utils').stdout;
      return {
        valid: (out.match(/Signature is Valid\./g) ?? []).length,
        trusted: (out.match(/Certificate is Trusted\./g) ?? []).length,
        total: (out.match(/ Total document signed/g) ?? []).length,
        text: tool('pdftotext', [path, '-'], 'poppler-utils').stdout.replace(/\s+/g, ' '),
      };
    };
    const [one, two, three] = signedCopies.map(check);
    expect([one!.valid, one!.trusted, one!.total]).toEqual([4, 4, 1]);
    for (const other of [two!, three!]) expect([other.valid, other.trusted, other.total]).toEqual([2, 2, 1]);
    expect(one!.text.match(/Paraf elektronik/g)).toHaveLength(2);
    expect(one!.text).toContain('Ir. Ahmad Fauzi');
    for (const copy of [one!, two!, three!]) {
      expect(copy.text).toContain('Ditandatangani secara elektronik oleh');
      expect(copy.text).toContain(number);
    }
    expect(two!.text).not.toContain('Paraf elektronik');
  });
});
