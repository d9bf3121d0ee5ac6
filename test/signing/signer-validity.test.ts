// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webcrypto } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOcspStandIn, type OcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn, type TsaStandIn } from '#local/tsa-stand-in.ts';
import { LocalPki, type OfficialIdentity } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { makeLongTerm } from '#signing/long-term.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { signPdf } from '#signing/sign-pdf.ts';
import { readSignatureTimestamp, Rfc3161Client } from '#signing/timestamp-client.ts';
import { verifyPdf, type VerificationReport } from '#signing/verify-pdf.ts';
import { extractSignatures, tool } from '../support/pdf-signatures.ts';

/**
 * "Valid at the signing time" must be able to say no: a signature by an expired certificate, one by
 * a certificate revoked before it was made, and one revoked only after it (which stays valid: that is
 * what the timestamp is for). verifyPdf, `npx paraf verify` and pdfsig each read the same file.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-validity-'));
const data = join(work, 'data');
const pkiDir = join(data, 'pki');
const STAFF: OfficialIdentity[] = [
  { id: 'kedaluwarsa', name: 'Drs. Hendro Wibowo', nip: '196803121994031004', position: 'Kabid Perizinan' },
  { id: 'dicabut-dulu', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' },
  { id: 'dicabut-kemudian', name: 'Siti Aminah', nip: '199002022015032003', position: 'Kepala Dinas' },
];
let tsa: TsaStandIn;
let ocsp: OcspStandIn;
let file: Uint8Array;
let report: VerificationReport;
let signingStarted: Date;

const serialOf = (id: string) =>
  new x509.X509Certificate(readFileSync(join(pkiDir, `${id}.cert.pem`), 'utf8')).serialNumber.toLowerCase();

/** The official's own key certified again by the CA, for three years that ended yesterday. */
async function expireCertificate(id: string) {
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    pemToDer(readFileSync(join(pkiDir, 'ca.key.pem'), 'utf8')),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const ca = new x509.X509Certificate(readFileSync(join(pkiDir, 'ca.cert.pem'), 'utf8'));
  const own = new x509.X509Certificate(readFileSync(join(pkiDir, `${id}.cert.pem`), 'utf8'));
  const expired = await x509.X509CertificateGenerator.create({
    serialNumber: '4b4544414c55574152534131',
    subject: own.subject,
    issuer: ca.subject,
    notBefore: new Date(Date.now() - 3 * 365 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
    publicKey: own.publicKey,
    signingKey: caKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  writeFileSync(join(pkiDir, `${id}.cert.pem`), expired.toString('pem'));
}

beforeAll(async () => {
  const pki = new LocalPki(data);
  await pki.ensureOfficials(STAFF);
  await pki.timestampAuthority();
  await expireCertificate('kedaluwarsa');
  tsa = await startTsaStandIn(data);
  ocsp = await startOcspStandIn(data);
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  let pdf: Uint8Array = new Uint8Array(await doc.save({ useObjectStreams: false }));
  signingStarted = new Date(Date.now() - 1000);
  for (const [index, official] of STAFF.entries())
    pdf = await signPdf(
      pdf,
      {
        officialId: official.id,
        fieldName: `paraf-${official.id}`,
        reason: 'Paraf',
        signerName: official.name,
        location: 'Samarinda',
        signingTime: new Date(),
        page: 1,
        rect: { x: 40 + index * 170, y: 60, width: 160, height: 36 },
        lines: ['Paraf elektronik', official.name],
      },
      new LocalSigner(data),
      new Rfc3161Client(tsa.url),
    );
  // The CA revokes one certificate as of an hour before the signatures, the other as of the second
  // after the last signature's timestamp (the responder states whole seconds).
  const lastTimestamp = Date.parse(readSignatureTimestamp(extractSignatures(pdf).at(-1)!.cms)!.at);
  writeFileSync(
    join(pkiDir, 'revoked.json'),
    JSON.stringify({
      [serialOf('dicabut-dulu')]: new Date(signingStarted.getTime() - 3600_000).toISOString(),
      [serialOf('dicabut-kemudian')]: new Date(Math.floor(lastTimestamp / 1000) * 1000 + 1000).toISOString(),
    }),
  );
  // The validation data is fetched after both revocations: the OCSP responses carry their times.
  file = await makeLongTerm(pdf, 'stempel-waktu-uji', { tsa: new Rfc3161Client(tsa.url), ocspUrl: ocsp.url });
  writeFileSync(join(work, 'izin.pdf'), file);
  report = await verifyPdf(file, [pemToDer(readFileSync(join(pkiDir, 'ca.cert.pem'), 'utf8'))]);
}, 120_000);

afterAll(async () => {
  await tsa?.close();
  await ocsp?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a certificate valid at the signing time, or not', () => {
  it('is not, for an expired certificate and for one revoked before the signature; is, for one revoked after it', () => {
    expect(report.signatures.map((s) => [s.field, s.valid, s.trusted, s.timestamp?.valid])).toEqual(
      STAFF.map((official) => [`paraf-${official.id}`, true, true, true]),
    );
    expect(report.signatures.map((s) => s.certificateValidAtSigning)).toEqual([false, false, true]);
    const [expired, revokedBefore, revokedAfter] = report.signatures;
    expect(expired!.revokedAt).toBeUndefined();
    expect(Date.parse(revokedBefore!.revokedAt!)).toBeLessThan(Date.parse(revokedBefore!.timestamp!.time));
    expect(Date.parse(revokedAfter!.revokedAt!)).toBeGreaterThan(Date.parse(revokedAfter!.timestamp!.time));
    expect(report.ok).toBe(false);
  });

  it('is what npx paraf verify says of each, failing the file', async () => {
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        'npx',
        ['--no-install', 'paraf', 'verify', join(work, 'izin.pdf'), '--ca', join(pkiDir, 'ca.cert.pem')],
        { cwd: root, encoding: 'utf8', env: { ...process.env, PARAF_DATA: join(work, 'tidak-ada') } },
        (error, stdout) => resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Tanda tangan 1: TIDAK SAH \(sertifikat TIDAK berlaku pada waktu penandatanganan\)$/m,
    );
    expect(result.stdout).toMatch(
      /^Tanda tangan 2: TIDAK SAH \(sertifikat dicabut \d{4}-[\d-]+T[\d:.]+Z, sebelum waktu penandatanganan\)$/m,
    );
    expect(result.stdout).toMatch(/^Tanda tangan 3: sah$/m);
    expect(result.stdout.trim().endsWith('HASIL: TIDAK SAH')).toBe(true);
    // A ceiling, not a wait: `npx paraf verify` starts tsx, 20-45 s of wall time on a loaded shared machine.
  }, 120_000);

  it('agrees with pdfsig where it can tell: the expired certificate (pdfsig does not read the DSS)', () => {
    const nssdb = join(work, 'nssdb');
    mkdirSync(nssdb);
    expect(tool('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password'], 'libnss3-tools').code).toBe(0);
    const added = tool(
      'certutil',
      ['-A', '-d', `sql:${nssdb}`, '-n', 'ca', '-t', 'CT,C,C', '-i', join(pkiDir, 'ca.cert.pem')],
      'libnss3-tools',
    );
    expect(added.code).toBe(0);
    const blocks = tool('pdfsig', ['-nssdir', `sql:${nssdb}`, join(work, 'izin.pdf')], 'poppler-utils')
      .stdout.split(/^Signature #\d+:$/m)
      .slice(1);
    expect(blocks[0]).toContain('Signature is Valid');
    expect(blocks[0]).toContain('Certificate has Expired');
    expect(blocks[2]).toContain('Certificate is Trusted');
  });
});

describe('a timestamp from a TSA no trust anchor certified', () => {
  it('does not give the signing time: an expired certificate with such a token dated within its validity is judged now', async () => {
    // Anyone can run a TSA that says what they like: this one, under a CA of its own, says two days ago.
    const foreignTsa = await startTsaStandIn(join(work, 'tsa-lain'));
    const claimed = new Date(Date.now() - 2 * 86_400_000);
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const blank = new Uint8Array(await doc.save({ useObjectStreams: false }));
    const [expired] = STAFF;
    vi.useFakeTimers({ toFake: ['Date'], now: claimed, shouldAdvanceTime: true });
    let pdf: Uint8Array;
    try {
      pdf = await signPdf(
        blank,
        {
          officialId: expired!.id,
          fieldName: 'paraf-tsa-lain',
          reason: 'Paraf',
          signerName: expired!.name,
          location: 'Samarinda',
          signingTime: new Date(),
          page: 1,
          rect: { x: 40, y: 60, width: 160, height: 36 },
          lines: ['Paraf elektronik', expired!.name],
        },
        new LocalSigner(data),
        new Rfc3161Client(foreignTsa.url),
      );
    } finally {
      vi.useRealTimers();
      await foreignTsa.close();
    }
    const checked = await verifyPdf(pdf, [pemToDer(readFileSync(join(pkiDir, 'ca.cert.pem'), 'utf8'))]);
    const [signature] = checked.signatures;
    expect(signature!.valid).toBe(true);
    expect(signature!.timestamp).toMatchObject({ valid: true, trusted: false });
    expect(Math.abs(Date.parse(signature!.timestamp!.time) - claimed.getTime())).toBeLessThan(60_000);
    expect(signature!.certificateValidAtSigning).toBe(false);
    expect(signature!.signingTime).toBeUndefined();
    expect(checked.ok).toBe(false);
    // The office's own TSA's times are the signing times.
    expect(report.signatures.map((s) => s.signingTime)).toEqual(report.signatures.map((s) => s.timestamp!.time));
  });
});
