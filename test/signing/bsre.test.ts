import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { BsreClient, BsreError } from '#signing/bsre-client.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { signPdf } from '#signing/sign-pdf.ts';
import { signWithBsre } from '#signing/sign-with-bsre.ts';
import { Rfc3161Client } from '#signing/timestamp-client.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';
import { loadOfficeSettings } from '#config/office-settings.ts';
import { useOfficeFiles } from '#config/office-files.ts';
import { readConfig, readOfficeFiles } from '#config/read-config.ts';
import { buildRuntime } from '#runtime/runtime.ts';
import { type BsreStandIn, STAND_IN_CA, startBsreStandIn, type StandInUser } from '#local/bsre-stand-in.ts';
import { startTsaStandIn, type TsaStandIn } from '#local/tsa-stand-in.ts';
import { extractSignatures } from '../support/pdf-signatures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-bsre-test-'));
const nssdb = join(work, 'nssdb');
const KEPALA: StandInUser = {
  nik: '6472011405720003',
  passphrase: 'Rahasia#Kepala2026',
  status: 'ISSUE',
  name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
  nip: '197205141998031007',
  position: 'Kepala Dinas',
};
const EXPIRED: StandInUser = { ...KEPALA, nik: '6472015505800002', status: 'EXPIRED', name: 'Drs. Hendro Wibowo' };
let bsre: BsreStandIn;
let faulty: BsreStandIn;
let tsa: TsaStandIn;
let client: BsreClient;
let withParaf: Uint8Array;
let signatureSlot: { page: number; x: number; y: number; width: number; height: number };

function run(command: string, args: string[], debianPackage: string) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(`${command} is missing: apt-get install ${debianPackage}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function trust(name: string, pem: string) {
  writeFileSync(join(work, `${name}.pem`), pem);
  const imported = run(
    'certutil',
    ['-A', '-d', `sql:${nssdb}`, '-n', name, '-t', 'CT,C,C', '-i', join(work, `${name}.pem`)],
    'libnss3-tools',
  );
  expect(imported.code, imported.stderr).toBe(0);
}

function pdfsig(pdf: Uint8Array) {
  const path = join(work, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return run('pdfsig', ['-nssdir', `sql:${nssdb}`, path], 'poppler-utils').stdout;
}

const pemToDerFile = (name: string) => pemToDer(readFileSync(join(work, `${name}.pem`), 'utf8'));

const request = (passphrase: string, nik = KEPALA.nik) => ({
  fieldName: 'tanda-tangan-keputusan-1',
  nik,
  passphrase,
  page: signatureSlot.page,
  rect: { x: signatureSlot.x, y: signatureSlot.y, width: signatureSlot.width, height: signatureSlot.height },
  lines: ['Ditandatangani secara elektronik oleh', KEPALA.name, 'pada 1 Desember 2026 pukul 10.00 WITA'],
});

beforeAll(async () => {
  bsre = await startBsreStandIn([KEPALA, EXPIRED]);
  faulty = await startBsreStandIn([KEPALA], { behaviour: 'rewrites' });
  client = new BsreClient({ baseUrl: bsre.url, clientId: bsre.clientId, clientSecret: bsre.clientSecret });
  // The office's own paraf first, with the development CA: BSrE's signature must keep it valid.
  const pki = new LocalPki(join(work, 'data'));
  const kasi = { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' };
  await pki.ensureOfficials([kasi]);
  // The office's TSA, as PARAF_TSA names it: BSrE's signatures get their signature timestamp from it.
  await pki.timestampAuthority();
  tsa = await startTsaStandIn(join(work, 'data'));
  mkdirSync(nssdb);
  expect(run('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password'], 'libnss3-tools').code).toBe(0);
  trust('paraf-dev-ca', await pki.caCertificatePem());
  trust('bsre-stand-in-ca', bsre.caPem);
  const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  const copy = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!;
  const slot = (name: string) => copy.slots.find((candidate) => candidate.name === name)!;
  signatureSlot = slot('tanda-tangan');
  const paraf = slot(copy.slots.find((candidate) => candidate.name.startsWith('paraf-'))!.name);
  withParaf = await signPdf(
    copy.pdf,
    {
      officialId: 'kasi',
      fieldName: 'paraf-7-keputusan-0',
      reason: 'Paraf',
      signerName: kasi.name,
      location: 'Samarinda',
      signingTime: new Date(),
      page: paraf.page,
      rect: { x: paraf.x, y: paraf.y, width: paraf.width, height: paraf.height },
      lines: ['Paraf elektronik', kasi.name, '1 Desember 2026'],
    },
    new LocalSigner(join(work, 'data')),
  );
}, 60_000);

afterAll(async () => {
  await bsre?.close();
  await faulty?.close();
  await tsa?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the BSrE signer over HTTP (Esign Client Service v2 stand-in)', () => {
  it("signs the Kepala's copy with the BSrE certificate, after Paraf's appearance, keeping the earlier paraf valid", async () => {
    // The stand-in's calls since this test began: other tests of this file sign as the Kepala too.
    const callsBefore = bsre.calls.length;
    const signed = await signWithBsre(client, withParaf, request(KEPALA.passphrase));
    if (process.env.PARAF_SCREENSHOTS) writeFileSync(join(process.env.PARAF_SCREENSHOTS, 'bsre-signed.pdf'), signed);
    // Appended, not rewritten: the copy as it was is the signed file's beginning.
    expect(Buffer.from(signed.subarray(0, withParaf.length)).equals(Buffer.from(withParaf))).toBe(true);
    const report = pdfsig(signed);
    const blocks = report.split(/^Signature #\d+:$/m).slice(1);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      expect(block).toContain('Signature Validation: Signature is Valid.');
      expect(block).toContain('Certificate Validation: Certificate is Trusted.');
    }
    expect(blocks[0]).toContain('Ir. Ahmad Fauzi');
    expect(blocks[1]).toContain(KEPALA.name);
    expect(blocks[1]).toContain('Total document signed');
    // Only check-status and sign/pdf, with the passphrase on the signing call alone.
    const ours = bsre.calls.slice(callsBefore).filter((call) => call.nik === KEPALA.nik);
    expect(ours.map((call) => `${call.path} ${call.withPassphrase}`)).toEqual([
      '/api/v2/user/check-status false',
      '/api/v2/sign/pdf true',
    ]);
    // The stand-in's CA names BSrE: that is the issuer a verifier shows.
    expect(STAND_IN_CA).toContain('Balai Sertifikasi Elektronik');

    // A retried step finds its stamp and asks BSrE for nothing.
    const calls = bsre.calls.length;
    const again = await signWithBsre(client, signed, request(KEPALA.passphrase));
    expect(Buffer.from(again).equals(Buffer.from(signed))).toBe(true);
    expect(bsre.calls.length).toBe(calls);
  });

  it('time-stamps the signature BSrE returned (PAdES B-T), in its own CMS, keeping every signature valid', async () => {
    const plain = await signWithBsre(client, withParaf, { ...request(KEPALA.passphrase), fieldName: 'tt-polos' });
    const stamped = await signWithBsre(
      client,
      withParaf,
      { ...request(KEPALA.passphrase), fieldName: 'tt-berstempel' },
      new Rfc3161Client(tsa.url),
    );
    // Still appended to the copy sent; without a TSA the signature carries no token (B-B).
    expect(Buffer.from(stamped.subarray(0, withParaf.length)).equals(Buffer.from(withParaf))).toBe(true);
    expect(extractSignatures(plain).at(-1)!.timestampToken).toBeUndefined();
    const last = extractSignatures(stamped).at(-1)!;
    expect(last.timestampToken).toBeDefined();
    // openssl, not Paraf, checks the token against BSrE's signature value and the office CA (the TSA's issuer).
    const token = join(work, 'bsre.tst');
    const value = join(work, 'bsre-value.bin');
    writeFileSync(token, last.timestampToken!);
    writeFileSync(value, last.signatureValue);
    const checked = run(
      'openssl',
      ['ts', '-verify', '-in', token, '-token_in', '-data', value, '-CAfile', join(work, 'paraf-dev-ca.pem')],
      'openssl',
    );
    expect(checked.stdout + checked.stderr).toContain('Verification: OK');
    // Against another signature's value the same token fails: it is bound to this one.
    writeFileSync(value, extractSignatures(stamped)[0]!.signatureValue);
    const other = run(
      'openssl',
      ['ts', '-verify', '-in', token, '-token_in', '-data', value, '-CAfile', join(work, 'paraf-dev-ca.pem')],
      'openssl',
    );
    expect(other.stdout + other.stderr).not.toContain('Verification: OK');
    // pdfsig: both signatures valid and trusted, BSrE's still the whole document's.
    const blocks = pdfsig(stamped)
      .split(/^Signature #\d+:$/m)
      .slice(1);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block).toContain('Signature Validation: Signature is Valid.');
    expect(blocks[1]).toContain('Total document signed');
    const report = await verifyPdf(stamped, [pemToDerFile('paraf-dev-ca'), pemToDerFile('bsre-stand-in-ca')]);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-B', 'B-T']);
    expect(report.signatures[1]!.timestamp).toMatchObject({
      tsa: 'Layanan Stempel Waktu Lokal',
      valid: true,
      trusted: true,
    });
    expect(report.signatures.every((s) => s.valid && s.trusted && s.certificateValidAtSigning)).toBe(true);
  });

  it('refuses a wrong passphrase, an unknown NIK and an inactive certificate with a clear Indonesian message, signing nothing', async () => {
    const refused = async (passphrase: string, nik: string) => {
      const error = await signWithBsre(client, withParaf, request(passphrase, nik)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BsreError);
      return error as BsreError;
    };
    const wrong = await refused('bukan-passphrase-nya', KEPALA.nik);
    expect(wrong.problem).toBe('wrong-passphrase');
    expect(wrong.message).toMatch(/^Passphrase salah\. Dokumen tidak ditandatangani/);
    const unknown = await refused(KEPALA.passphrase, '6472010101010001');
    expect(unknown.problem).toBe('not-registered');
    expect(unknown.message).toContain('Pengguna tidak terdaftar di BSrE');
    const before = bsre.calls.length;
    const inactive = await refused(EXPIRED.passphrase, EXPIRED.nik);
    expect(inactive.problem).toBe('certificate-inactive');
    expect(inactive.message).toContain('Sertifikat elektronik Anda tidak aktif');
    // The status is asked first: an inactive certificate never gets as far as a signing call.
    expect(bsre.calls.slice(before).map((call) => call.path)).toEqual(['/api/v2/user/check-status']);
    // The messages a person reads carry none of BSrE's English or codes.
    for (const error of [wrong, unknown, inactive]) expect(error.message).not.toMatch(/HTTP|status|User|\d{4}/);
  });

  it('refuses an answer that rewrote the file (which would break the earlier paraf), and a service that cannot be reached', async () => {
    const rewriting = new BsreClient({
      baseUrl: faulty.url,
      clientId: faulty.clientId,
      clientSecret: faulty.clientSecret,
    });
    const rewritten = await signWithBsre(rewriting, withParaf, request(KEPALA.passphrase)).catch((e: unknown) => e);
    expect(rewritten).toBeInstanceOf(BsreError);
    expect((rewritten as BsreError).problem).toBe('refused');
    expect((rewritten as BsreError).detail).toContain('does not begin with the file sent');

    const wrongCredentials = new BsreClient({ baseUrl: bsre.url, clientId: 'lain', clientSecret: 'salah' });
    const unauthorised = await wrongCredentials.userStatus(KEPALA.nik).catch((e: unknown) => e);
    expect((unauthorised as BsreError).problem).toBe('refused');

    const closed = new BsreClient({ baseUrl: 'http://127.0.0.1:9', clientId: 'a', clientSecret: 'b', timeoutMs: 2000 });
    const down = await closed.userStatus(KEPALA.nik).catch((e: unknown) => e);
    expect((down as BsreError).problem).toBe('unavailable');
    expect((down as BsreError).message).toContain('Layanan BSrE sedang tidak dapat dihubungi');
  });
});

describe('the BSrE setting', () => {
  const base = {
    PARAF_TABLE: 't',
    PARAF_BUCKET: 'b',
    PARAF_PUBLIC_URL: 'http://127.0.0.1',
    PARAF_SIGNER: 'bsre',
    PARAF_BSRE_URL: 'https://esign.example.go.id',
    PARAF_BSRE_CLIENT_ID: 'paraf',
    PARAF_BSRE_CLIENT_SECRET: 'rahasia',
  };

  it("takes BSrE's CA certificates from PARAF_BSRE_CA, for the verification page to trust", () => {
    const file = join(work, 'bsre-ca-setting.pem');
    writeFileSync(file, `BSrE CA\n${bsre.caPem}\n`);
    const config = readConfig({ ...base, PARAF_DATA: work, PARAF_BSRE_CA: file });
    expect(config.bsre?.trustAnchorPems).toEqual([bsre.caPem.trim()]);
  });

  it('refuses a BSrE address without its CA, a file it cannot read, one with no certificate, and a broken certificate', () => {
    const at = (name: string, text: string) => {
      const file = join(work, name);
      writeFileSync(file, text);
      return file;
    };
    const refusal = (ca?: string) => () =>
      readConfig({ ...base, PARAF_DATA: work, ...(ca === undefined ? {} : { PARAF_BSRE_CA: ca }) });
    expect(refusal()).toThrow('Variabel lingkungan PARAF_BSRE_CA belum diisi.');
    expect(refusal(join(work, 'tidak-ada.pem'))).toThrow('berkas itu tidak dapat dibaca');
    expect(refusal(at('kosong.pem', 'bukan sertifikat'))).toThrow('tidak memuat sertifikat CA BSrE');
    const broken = bsre.caPem.replace(/(BEGIN CERTIFICATE-----\s*)MII/, '$1XXX');
    expect(refusal(at('rusak.pem', `${bsre.caPem}\n${broken}`))).toThrow('sertifikat ke-2 di dalamnya rusak');
  });

  it("refuses to start when office.json's statement beside the QR code names another issuer than the signer's", () => {
    onTestFinished(() => useOfficeFiles(readOfficeFiles()));
    const ca = join(work, 'bsre-ca-pernyataan.pem');
    writeFileSync(ca, bsre.caPem);
    const office = (name: string, certificateIssuer: string) => {
      const file = join(work, `office-${name}.json`);
      writeFileSync(file, JSON.stringify({ ...loadOfficeSettings(), certificateIssuer }));
      return file;
    };
    const development = office('pengembangan', loadOfficeSettings().certificateIssuer);
    const certified = office('bsre', 'Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara');
    const withBsre = (officeFile: string) =>
      buildRuntime(readConfig({ ...base, PARAF_DATA: work, PARAF_BSRE_CA: ca, PARAF_OFFICE: officeFile }));
    const onThisMachine = (officeFile: string) =>
      buildRuntime(readConfig({ ...base, PARAF_SIGNER: 'local', PARAF_DATA: work, PARAF_OFFICE: officeFile }));
    expect(() => withBsre(development)).toThrow(
      `Berkas ${development} tidak dapat dipakai:\n- certificateIssuer bernilai "${loadOfficeSettings().certificateIssuer}", padahal para pejabat menandatangani dengan sertifikat BSrE (PARAF_SIGNER=bsre)`,
    );
    expect(() => onThisMachine(certified)).toThrow(
      'padahal sertifikat para pejabat di sini bukan dari BSrE (CA pengembangan Paraf atau tiruan BSrE untuk uji coba)',
    );
    // BSrE's stand-in (PARAF_SIGNER=bsre without an address) issues certificates for trying Paraf, not BSrE's.
    const withStandIn = (officeFile: string) =>
      buildRuntime(readConfig({ ...base, PARAF_BSRE_URL: '', PARAF_DATA: work, PARAF_OFFICE: officeFile }));
    expect(() => withStandIn(certified)).toThrow('tiruan BSrE untuk uji coba');
    expect(withBsre(certified).config.signer).toBe('bsre');
    expect(onThisMachine(development).config.signer).toBe('local');
    expect(withStandIn(development).config.bsre?.baseUrl).toBe('local');
  });
});
