import { sign as cryptoSign } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOcspStandIn, type OcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn, type TsaStandIn } from '#local/tsa-stand-in.ts';
import { addDocumentTimestamp, addValidationData, makeLongTerm } from '#signing/long-term.ts';
import { LocalPki, ORGANISATION, type OfficialIdentity } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { readPrivateKey } from '#signing/key-files.ts';
import type { SignerPort } from '#signing/signer-port.ts';
import { answerOcspFromPkiFolder } from '#signing/ocsp-responder.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { addSignatureField, CmsSigner, signPdf } from '#signing/sign-pdf.ts';
import { Rfc3161Client, type TimestampAuthority } from '#signing/timestamp-client.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { fixedClockTsa } from '../support/fixed-clock-tsa.ts';
import { pdfOf } from '../support/padded-pdf.ts';

/**
 * The verifier's edges, each on a real file signed by Paraf's own signer: a certificate's first and
 * last second, a revocation in the signing second, a CRL issued as the certificate expires, which
 * DSS and which document timestamp lift a signature to B-LT and B-LTA, what a report says of a
 * signature or a timestamp it cannot accept, and a verification with no trust anchor. The TSA with
 * a fixed clock (test/support/fixed-clock-tsa.ts) signs with the development TSA's key, so its
 * times are trusted, at the second each boundary needs.
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-verify-edges-'));
const data = join(work, 'data');
const pki = new LocalPki(data);
const signer = new LocalSigner(data);
/** A CA of another name, trusted only where a test says so. */
const otherPki = new LocalPki(join(work, 'other'), {
  ca: `CN=CA Kantor Lain, O=${ORGANISATION}, C=ID`,
  organisation: ORGANISATION,
});
const STAFF: OfficialIdentity[] = [
  { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' },
  { id: 'kepala', name: 'Dr. H. Bambang Suryadi, S.E., M.Si.', nip: '197205141998031007', position: 'Kepala Dinas' },
  // Listed as revoked in pki/revoked.json from the start: the OCSP stand-in answers "revoked" for her.
  { id: 'dicabut', name: 'Rina Wulandari', nip: '198505052010012005', position: 'Kasi Pengaduan' },
];
const servers: { close(): Promise<void> | void }[] = [];
let tsa: TsaStandIn;
let ocsp: OcspStandIn;
let ca: Uint8Array;
let blank: Uint8Array;
let tsaKeys: { keyPem: string; certificatePems: string[] };
/** An hour ago, to the second: the time the fixed-clock TSA proves. */
let signingSecond: Date;
/** When `dicabut`'s certificate was revoked: an hour before `signingSecond`. */
let revokedSecond: Date;
/** The Kasi's signature, time-stamped by the TSA stand-in, then B-LTA (DSS with OCSP and CRL, document timestamp). */
let stamped: Uint8Array;
let longTerm: Uint8Array;

const pem = (name: string) => readFileSync(join(data, 'pki', `${name}.cert.pem`), 'utf8');
const der = (name: string) => pemToDer(pem(name));
const certificate = (name: string) => new x509.X509Certificate(pem(name));
const plusSeconds = (time: Date, seconds: number) => new Date(time.getTime() + seconds * 1000);

/** An invisible signature by `officialId`, time-stamped by `stamp` when given. */
const sign = (pdf: Uint8Array, officialId: string, stamp?: TimestampAuthority, by: SignerPort = signer) =>
  signPdf(
    pdf,
    {
      officialId,
      fieldName: `tanda-tangan-${officialId}`,
      reason: 'Tanda tangan',
      signerName: officialId,
      location: 'Samarinda',
      signingTime: new Date('2026-11-23T03:00:00Z'),
      page: 1,
      rect: { x: 0, y: 0, width: 0, height: 0 },
      lines: [],
    },
    by,
    stamp,
  );

const atSecond = (time: Date) => fixedClockTsa(tsaKeys, time);

/**
 * `pdf` with a /DSS in an incremental update, as another signer's tool writes one: the certificates,
 * OCSP responses and CRLs given, nothing fetched.
 */
async function withDss(
  pdf: Uint8Array,
  { certs, ocsps = [], crls = [] }: { certs: Uint8Array[]; ocsps?: Uint8Array[]; crls?: Uint8Array[] },
) {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  const { context } = doc;
  const streams = (ders: Uint8Array[]) =>
    context.obj(ders.map((bytes) => context.register(context.flateStream(bytes))));
  const dss = context.obj({ Certs: streams(certs) });
  if (ocsps.length) dss.set(PDFName.of('OCSPs'), streams(ocsps));
  if (crls.length) dss.set(PDFName.of('CRLs'), streams(crls));
  doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  return doc.save({ useObjectStreams: false });
}

/** The last signature's (or document timestamp's) gap: where its hex starts and ends, and the DER in it. */
function lastGap(pdf: Uint8Array) {
  const text = Buffer.from(pdf).toString('latin1');
  const found = [...text.matchAll(/\/ByteRange\s*\[([^\]]*)\]/g)].at(-1)!;
  const [, first, second, secondLength] = found[1]!.trim().split(/\s+/).map(Number) as [number, number, number, number];
  const hex = text.slice(first + 1, second - 1);
  const bytes = Buffer.from(hex, 'hex');
  // asn1js reads the first element and says where it ends: the zero padding after it is not the DER's.
  const derLength = asn1js.fromBER(bytes).offset;
  return { found, first, second, secondLength, hex, der: bytes.subarray(0, derLength) };
}

/** `pdf` with `text` written over its bytes at `offset`, the length unchanged. */
function overwritten(pdf: Uint8Array, offset: number, text: string): Uint8Array {
  const copy = Buffer.from(pdf);
  copy.write(text, offset, 'latin1');
  expect(copy.length).toBe(pdf.length);
  return new Uint8Array(copy);
}

beforeAll(async () => {
  await pki.ensureOfficials(STAFF);
  await pki.ensureSeal(OFFICE_SEAL);
  signingSecond = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
  revokedSecond = plusSeconds(signingSecond, -3600);
  writeFileSync(
    join(data, 'pki', 'revoked.json'),
    JSON.stringify({ [certificate('dicabut').serialNumber]: revokedSecond.toISOString() }),
  );
  tsa = await startTsaStandIn(data);
  servers.push(tsa);
  ocsp = await startOcspStandIn(data);
  servers.push(ocsp);
  ca = pemToDer(await pki.caCertificatePem());
  tsaKeys = await pki.timestampAuthority();
  blank = new Uint8Array(await pdfOf('Surat Izin Usaha'));
  stamped = await sign(blank, 'kasi', new Rfc3161Client(tsa.url));
  longTerm = await makeLongTerm(stamped, 'stempel-waktu-uji', {
    tsa: new Rfc3161Client(tsa.url),
    ocspUrl: ocsp.url,
    crlUrl: ocsp.crlUrl,
  });
}, 60_000);

afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the signer as the report names it', () => {
  it('reads the office seal, whose certificate has no NIP and no position, as a valid signature of its name', async () => {
    const report = await verifyPdf(await sign(blank, OFFICE_SEAL.id), [ca]);
    expect(report.ok).toBe(true);
    expect(report.signatures[0]).toMatchObject({
      signer: OFFICE_SEAL.name,
      nip: '',
      position: '',
      issuer: 'Otoritas Sertifikat Lokal',
      valid: true,
      trusted: true,
    });
  });

  it('names the issuing CA by its common name wherever the name puts it, and none when it has no common name', async () => {
    const issuers: [string, string][] = [
      ['C=ID, O=Badan Siber dan Sandi Negara, CN=OSD Uji Kelas 2', 'OSD Uji Kelas 2'],
      [`O=${ORGANISATION}, C=ID`, ''],
    ];
    for (const [index, [name, expected]] of issuers.entries()) {
      const dir = join(work, `issuer-${index}`);
      const authority = new LocalPki(dir, { ca: name, organisation: ORGANISATION });
      await authority.ensureOfficials([STAFF[0]!]);
      const pdf = await sign(blank, 'kasi', undefined, new LocalSigner(dir));
      const report = await verifyPdf(pdf, [pemToDer(await authority.caCertificatePem())]);
      expect(report.signatures[0], name).toMatchObject({ issuer: expected, signer: STAFF[0]!.name, valid: true });
      expect(report.ok, name).toBe(true);
    }
  });

  it('reads a signature without /Reason, /M or a timestamp as valid B-B, with no reason, no claimed time, no proven time', async () => {
    const pdf = await addSignatureField(
      blank,
      {
        fieldName: 'tanpa-keterangan',
        pageIndex: 0,
        rect: [0, 0, 0, 0],
        type: 'Sig',
        subFilter: 'ETSI.CAdES.detached',
        contentsBytes: 8192,
      },
      new CmsSigner(signer, 'kasi'),
    );
    const report = await verifyPdf(pdf, [ca]);
    expect(report.ok).toBe(true);
    expect(report.signatures).toEqual([
      {
        field: 'tanpa-keterangan',
        signer: STAFF[0]!.name,
        nip: STAFF[0]!.nip,
        position: STAFF[0]!.position,
        issuer: 'Otoritas Sertifikat Lokal',
        reason: '',
        signedAt: '',
        valid: true,
        trusted: true,
        coversWholeFile: true,
        certificateValidAtSigning: true,
        level: 'B-B',
      },
    ]);
  });

  it('reads a signature whose claimed time (/M) is not a date as valid, with no claimed time', async () => {
    const pdf = await addSignatureField(
      blank,
      {
        fieldName: 'waktu-rusak',
        pageIndex: 0,
        rect: [0, 0, 0, 0],
        type: 'Sig',
        subFilter: 'ETSI.CAdES.detached',
        contentsBytes: 8192,
        entries: { M: PDFString.of('kemarin sore') },
      },
      new CmsSigner(signer, 'kasi'),
    );
    const report = await verifyPdf(pdf, [ca]);
    expect(report.ok).toBe(true);
    expect(report.signatures).toMatchObject([
      { field: 'waktu-rusak', signer: STAFF[0]!.name, signedAt: '', valid: true },
    ]);
  });

  it('names the signer, not the CA, when the CMS lists the CA’s certificate first (a SET OF has no order)', async () => {
    const pdf = await sign(blank, 'kasi');
    const { first, hex, der: cms } = lastGap(pdf);
    const info = AsnConvert.parse(cms, ContentInfo);
    const signedData = AsnConvert.parse(info.content, SignedData);
    signedData.certificates!.reverse();
    info.content = AsnConvert.serialize(signedData);
    const reordered = Buffer.from(AsnConvert.serialize(info)).toString('hex');
    expect(reordered.length).toBe(cms.length * 2);
    expect(reordered).not.toBe(hex.slice(0, reordered.length));
    const report = await verifyPdf(overwritten(pdf, first + 1, reordered), [ca]);
    expect(report.signatures[0]).toMatchObject({ signer: STAFF[0]!.name, nip: STAFF[0]!.nip, valid: true });
    expect(report.ok).toBe(true);
  });
});

describe('a file the report fails', () => {
  it('fails a PDF with no signature at all, listing none', async () => {
    const report = await verifyPdf(blank, [ca]);
    expect(report).toMatchObject({ signatures: [], documentTimestamps: [], unsignedTailBytes: 0, ok: false });
  });

  it('passes over a signature field nobody has signed yet', async () => {
    const doc = await PDFDocument.load(blank);
    const page = doc.getPage(0);
    const widget = doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        Rect: [40, 40, 160, 76],
        T: PDFString.of('belum-ditandatangani'),
        F: 4,
        P: page.ref,
      }),
    );
    page.node.addAnnot(widget);
    doc.catalog.getOrCreateAcroForm().addField(widget);
    const prepared = await doc.save({ useObjectStreams: false });
    const report = await verifyPdf(await sign(prepared, 'kasi'), [ca]);
    expect(report.signatures.map((s) => [s.field, s.valid])).toEqual([['tanda-tangan-kasi', true]]);
    expect(report.ok).toBe(true);
  });

  it('fails a B-LTA file once an unsigned update follows its document timestamp, which then no longer covers the whole file', async () => {
    const whole = await verifyPdf(longTerm, [ca]);
    expect(whole.ok).toBe(true);
    expect(whole.documentTimestamps.map((s) => s.coversWholeFile)).toEqual([true]);
    const doc = await PDFDocument.load(longTerm, { forIncrementalUpdate: true, updateMetadata: false });
    doc.getPage(0).drawRectangle({ x: 10, y: 10, width: 20, height: 20 });
    const appended = await doc.save({ useObjectStreams: false });
    const report = await verifyPdf(appended, [ca]);
    expect(report.ok).toBe(false);
    expect(report.unsignedTailBytes).toBe(appended.length - longTerm.length);
    expect(report.documentTimestamps.map((s) => [s.valid, s.trusted, s.coversWholeFile])).toEqual([
      [true, true, false],
    ]);
    expect(report.signatures.map((s) => [s.valid, s.trusted, s.certificateValidAtSigning])).toEqual([
      [true, true, true],
    ]);
  });

  it('says nothing of the signer of a signature whose byte range is broken: not valid, not covering, not valid at signing, B-B', async () => {
    const pdf = await sign(blank, 'kasi', new Rfc3161Client(tsa.url));
    const { found, first, second, secondLength } = lastGap(pdf);
    const inner = [1, first - 1, second, secondLength].join(' ').padEnd(found[1]!.length, ' ');
    const report = await verifyPdf(overwritten(pdf, found.index! + found[0].indexOf('[') + 1, inner), [ca]);
    expect(report.ok).toBe(false);
    expect(report.signatures).toEqual([
      {
        field: 'tanda-tangan-kasi',
        signer: '',
        nip: '',
        position: '',
        issuer: '',
        reason: 'Tanda tangan',
        signedAt: '',
        valid: false,
        trusted: undefined,
        coversWholeFile: false,
        certificateValidAtSigning: false,
        level: 'B-B',
        problem: 'rentang bita tanda tangan rusak',
      },
    ]);
  });

  it('says the structure cannot be read when the signature’s CMS is not DER', async () => {
    const pdf = await sign(blank, 'kasi');
    const { first } = lastGap(pdf);
    const report = await verifyPdf(overwritten(pdf, first + 1, 'ffffffff'), [ca]);
    expect(report.ok).toBe(false);
    expect(report.signatures[0]).toMatchObject({
      valid: false,
      signer: '',
      problem: 'struktur tanda tangan tidak terbaca',
    });
  });

  it('fails a document timestamp whose gap hides bytes, naming the timestamp, with no time, TSA or coverage', async () => {
    const { first, der: token } = lastGap(longTerm);
    const hidden = '>/Tersembunyi(Izin ini juga berlaku untuk tambang batubara)/Pad<';
    const at = first + 1 + token.length * 2 + 2;
    expect(Buffer.from(longTerm.subarray(at, at + hidden.length)).toString('latin1')).toMatch(/^0+$/);
    const report = await verifyPdf(overwritten(longTerm, at, hidden), [ca]);
    expect(report.ok).toBe(false);
    expect(report.documentTimestamps).toEqual([
      {
        field: 'stempel-waktu-uji',
        time: '',
        tsa: '',
        valid: false,
        trusted: undefined,
        coversWholeFile: false,
        problem: 'ada bita di luar stempel waktu yang tidak ditandatangani',
      },
    ]);
    // The signature itself, covered by the document timestamp but not by these bytes, still holds.
    expect(report.signatures.map((s) => s.valid)).toEqual([true]);
  });
});

describe('trust anchors and the time a signature is proven to exist', () => {
  it('without a trusted CA, calls nothing trusted or untrusted and proves no time, yet passes a sound file', async () => {
    const report = await verifyPdf(stamped);
    expect(report.ok).toBe(true);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({ valid: true, trusted: undefined, certificateValidAtSigning: true, level: 'B-T' });
    expect(signature!.timestamp).toMatchObject({
      valid: true,
      trusted: undefined,
      tsa: 'Layanan Stempel Waktu Lokal',
    });
    expect(signature!.signingTime).toBeUndefined();
  });

  it('takes no time from a TSA the anchors do not certify, and fails the file for it though the signer is trusted', async () => {
    const strangersTsa = fixedClockTsa(await otherPki.timestampAuthority(), signingSecond);
    const report = await verifyPdf(await sign(blank, 'kasi', strangersTsa), [ca]);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({ valid: true, trusted: true, certificateValidAtSigning: true, level: 'B-T' });
    expect(signature!.timestamp).toMatchObject({ valid: true, trusted: false, time: signingSecond.toISOString() });
    expect(signature!.signingTime).toBeUndefined();
    expect(report.ok).toBe(false);
    // The same TSA trusted as well: its time is the signing time.
    const both = await verifyPdf(await sign(blank, 'kasi', strangersTsa), [ca, await otherPki.caCertificateDer()]);
    expect(both.signatures[0]!.signingTime).toBe(signingSecond.toISOString());
    expect(both.ok).toBe(true);
  });

  it('refuses a timestamp token that holds no TSTInfo, reading nothing from it, while the signature itself holds', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    const { first, hex } = lastGap(pdf);
    // id-ct-TSTInfo (1.2.840.113549.1.9.16.1.4) as the token's eContentType; the first one is the
    // token's, the TSA's content-type attribute comes after it. 1.9.16.1.5 is another content type.
    const tstInfo = '060b2a864886f70d0109100104';
    const at = hex.toLowerCase().indexOf(tstInfo);
    expect(at).toBeGreaterThan(0);
    const report = await verifyPdf(overwritten(pdf, first + 1 + at + tstInfo.length - 2, '05'), [ca]);
    const [signature] = report.signatures;
    expect(signature!.timestamp).toEqual({
      time: '',
      tsa: '',
      valid: false,
      trusted: undefined,
      problem: 'stempel waktu tanpa isi TSTInfo',
    });
    expect(signature).toMatchObject({ valid: true, trusted: true, level: 'B-B' });
    expect(signature!.signingTime).toBeUndefined();
    expect(report.ok).toBe(false);
  });

  it('names a TSA whose certificate has no common name by its whole subject', async () => {
    const key = join(work, 'tsa-tanpa-cn.key.pem');
    const cert = join(work, 'tsa-tanpa-cn.cert.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30'],
        ...['-subj', '/O=Penyedia Stempel Waktu Uji/C=ID', '-addext', 'extendedKeyUsage=critical,timeStamping'],
        ...['-keyout', key, '-out', cert],
      ],
      { stdio: 'ignore' },
    );
    const unnamed = fixedClockTsa(
      { keyPem: readFileSync(key, 'utf8'), certificatePems: [readFileSync(cert, 'utf8')] },
      signingSecond,
    );
    const report = await verifyPdf(await sign(blank, 'kasi', unnamed), [ca]);
    expect(report.signatures[0]!.timestamp).toMatchObject({
      tsa: 'Penyedia Stempel Waktu Uji, ID',
      valid: true,
      trusted: false,
    });
  });
});

describe('the signer’s certificate at the proven time', () => {
  it('is valid from its first second to its last, and not a second before or after', async () => {
    const kasi = certificate('kasi');
    const cases: [Date, boolean][] = [
      [kasi.notBefore, true],
      [plusSeconds(kasi.notBefore, -1), false],
      [kasi.notAfter, true],
      [plusSeconds(kasi.notAfter, 1), false],
    ];
    for (const [time, valid] of cases) {
      const report = await verifyPdf(await sign(blank, 'kasi', atSecond(time)), [ca]);
      const [signature] = report.signatures;
      expect(signature!.signingTime, time.toISOString()).toBe(time.toISOString());
      expect(signature!.certificateValidAtSigning, time.toISOString()).toBe(valid);
      expect(report.ok, time.toISOString()).toBe(valid);
    }
  });
});

describe('revocation in the DSS', () => {
  const crl = (revoked: Record<string, Date>, thisUpdate = new Date(), authority = pki) =>
    authority.certificateRevocationList(
      Object.fromEntries(Object.entries(revoked).map(([serial, at]) => [serial, at.toISOString()])),
      thisUpdate,
    );
  const crlOnly = (pdf: Uint8Array, crls: Uint8Array[]) =>
    withDss(pdf, { certs: [der('kasi'), der('kepala'), der('tsa'), ca], crls });
  const kasiSerial = () => certificate('kasi').serialNumber;

  it('finds a certificate revoked in the signing second not valid at signing; revoked a second later, valid', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    for (const [revoked, valid] of [
      [signingSecond, false],
      [plusSeconds(signingSecond, 1), true],
    ] as const) {
      const report = await verifyPdf(await crlOnly(pdf, [await crl({ [kasiSerial()]: revoked })]), [ca]);
      expect(report.signatures[0], revoked.toISOString()).toMatchObject({
        revokedAt: revoked.toISOString(),
        certificateValidAtSigning: valid,
        level: 'B-T',
      });
    }
  });

  it('takes the earliest revocation time when two CRLs disagree', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    const early = await crl({ [kasiSerial()]: plusSeconds(signingSecond, -3600) });
    const late = await crl({ [kasiSerial()]: plusSeconds(signingSecond, 3600) }, plusSeconds(new Date(), 1));
    for (const order of [
      [early, late],
      [late, early],
    ]) {
      const report = await verifyPdf(await crlOnly(pdf, order), [ca]);
      expect(report.signatures[0]).toMatchObject({
        revokedAt: plusSeconds(signingSecond, -3600).toISOString(),
        certificateValidAtSigning: false,
      });
    }
  });

  it('reads a CRL only for the certificates of its own CA: another trusted CA listing the same serial revokes nothing', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    const others = await crl({ [kasiSerial()]: plusSeconds(signingSecond, -3600) }, new Date(), otherPki);
    const report = await verifyPdf(await crlOnly(pdf, [others, await crl({})]), [
      ca,
      await otherPki.caCertificateDer(),
    ]);
    expect(report.validationData).toMatchObject({ crls: 2, verifiedCrls: 2 });
    expect(report.signatures[0]).toMatchObject({ certificateValidAtSigning: true, level: 'B-LT' });
    expect(report.signatures[0]!.revokedAt).toBeUndefined();
  });

  it('counts a CRL issued from the signing second to the certificate’s last second as current, not one outside', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    const notAfter = certificate('kasi').notAfter;
    const cases: [Date, string][] = [
      [signingSecond, 'B-LT'],
      [plusSeconds(signingSecond, -1), 'B-T'],
      [notAfter, 'B-LT'],
      // Issued after the certificate expired: a CRL may drop expired certificates, so its silence says nothing.
      [plusSeconds(notAfter, 1), 'B-T'],
    ];
    for (const [thisUpdate, level] of cases) {
      const report = await verifyPdf(await crlOnly(pdf, [await crl({}, thisUpdate)]), [ca]);
      expect(
        report.signatures.map((s) => s.level),
        thisUpdate.toISOString(),
      ).toEqual([level]);
    }
  });

  it('passes over a DSS entry that is not a certificate, reading the rest', async () => {
    const pdf = await addValidationData(await sign(blank, 'kasi', atSecond(signingSecond)), ocsp.url);
    const withJunk = await withDss(pdf, {
      certs: [new TextEncoder().encode('bukan sertifikat'), der('kasi'), der('tsa'), ca],
      ocsps: [],
    });
    const report = await verifyPdf(withJunk, [ca]);
    expect(report.validationData).toMatchObject({ certificates: 3 });
    expect(report.signatures).toMatchObject([{ signer: STAFF[0]!.name, valid: true, level: 'B-T' }]);
  });

  it('reaches B-LT with OCSP responses alone, no CRL', async () => {
    const pdf = await addValidationData(await sign(blank, 'kasi', atSecond(signingSecond)), ocsp.url);
    const report = await verifyPdf(pdf, [ca]);
    expect(report.validationData).toMatchObject({ ocspResponses: 2, verifiedGood: 2, crls: 0 });
    expect(report.signatures.map((s) => [s.level, s.certificateValidAtSigning])).toEqual([['B-LT', true]]);
  });

  it('reads an OCSP response saying revoked: the revocation time, not valid at signing, not B-LT, not counted good', async () => {
    // Signed with the revoked key outside Paraf, whose own signer refuses it (revoked-signer.test).
    const stolen: SignerPort = {
      certificates: (id) => signer.certificates(id),
      sign: async (id, message) => ({
        signature: new Uint8Array(
          cryptoSign('sha256', message, readPrivateKey(join(data, 'pki', `${id}.key.pem`), undefined)),
        ),
        algorithm: 'ecdsa-sha256',
      }),
    };
    const pdf = await addValidationData(await sign(blank, 'dicabut', atSecond(signingSecond), stolen), ocsp.url);
    const report = await verifyPdf(pdf, [ca]);
    expect(report.validationData).toMatchObject({ ocspResponses: 2, verifiedGood: 1 });
    expect(report.signatures[0]).toMatchObject({
      revokedAt: revokedSecond.toISOString(),
      certificateValidAtSigning: false,
      level: 'B-T',
    });
    expect(report.ok).toBe(false);
  });

  it('reads every certificate of an OCSP response that answers for several', async () => {
    const pdf = await sign(await sign(blank, 'kasi', atSecond(signingSecond)), 'kepala', atSecond(signingSecond));
    const caPem = join(data, 'pki', 'ca.cert.pem');
    const request = join(work, 'several.ocsp.req');
    const certs = ['kasi', 'kepala', 'tsa'].flatMap((name) => ['-cert', join(data, 'pki', `${name}.cert.pem`)]);
    execFileSync('openssl', ['ocsp', '-issuer', caPem, ...certs, '-no_nonce', '-reqout', request], { stdio: 'ignore' });
    const response = new Uint8Array(answerOcspFromPkiFolder(readFileSync(request), data).der);
    const report = await verifyPdf(
      await withDss(pdf, { certs: [der('kasi'), der('kepala'), der('tsa'), ca], ocsps: [response] }),
      [ca],
    );
    expect(report.validationData).toMatchObject({ ocspResponses: 1, verifiedGood: 3 });
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT']);
  });

  it('answers for a certificate file replaced in the folder as it now reads, not as it read before', () => {
    const copy = join(work, 'replaced');
    cpSync(join(data, 'pki'), join(copy, 'pki'), { recursive: true });
    const caPem = join(copy, 'pki', 'ca.cert.pem');
    const statusOf = (certPem: string, name: string) => {
      const request = join(work, `${name}.ocsp.req`);
      const response = join(work, `${name}.ocsp.resp`);
      execFileSync('openssl', ['ocsp', '-issuer', caPem, '-cert', certPem, '-no_nonce', '-reqout', request], {
        stdio: 'ignore',
      });
      writeFileSync(response, new Uint8Array(answerOcspFromPkiFolder(readFileSync(request), copy).der));
      const out = execFileSync(
        'openssl',
        ['ocsp', '-respin', response, '-issuer', caPem, '-cert', certPem, '-noverify', '-no_nonce'],
        { encoding: 'utf8' },
      );
      return out.match(/: (good|revoked|unknown)/)?.[1];
    };
    const kasiPem = join(work, 'kasi-before.cert.pem');
    cpSync(join(copy, 'pki', 'kasi.cert.pem'), kasiPem);
    expect(statusOf(kasiPem, 'kasi-before')).toBe('good');
    // The Kasi's file now holds the Kepala's certificate: the Kasi's serial is no longer issued here.
    rmSync(join(copy, 'pki', 'kepala.cert.pem'));
    cpSync(join(data, 'pki', 'kepala.cert.pem'), join(copy, 'pki', 'kasi.cert.pem'));
    expect(statusOf(kasiPem, 'kasi-after')).toBe('unknown');
    expect(statusOf(join(data, 'pki', 'kepala.cert.pem'), 'kepala-after')).toBe('good');
  });
});

describe('B-LT and B-LTA', () => {
  it('leaves at B-T a signature whose certificate the DSS lacks, though another of the same CA is there', async () => {
    const pdf = await sign(await sign(blank, 'kasi', atSecond(signingSecond)), 'kepala', atSecond(signingSecond));
    const report = await verifyPdf(
      await withDss(pdf, { certs: [der('kasi'), der('tsa'), ca], crls: [await pki.certificateRevocationList({})] }),
      [ca],
    );
    expect(report.signatures.map((s) => [s.field, s.level])).toEqual([
      ['tanda-tangan-kasi', 'B-LT'],
      ['tanda-tangan-kepala', 'B-T'],
    ]);
  });

  it('is B-LT, not B-LTA, when the only document timestamp came before the DSS', async () => {
    const first = await addDocumentTimestamp(stamped, 'stempel-waktu-awal', new Rfc3161Client(tsa.url));
    const pdf = await addValidationData(first, ocsp.url, 'all', ocsp.crlUrl);
    const report = await verifyPdf(pdf, [ca]);
    expect(report.documentTimestamps.map((s) => [s.valid, s.trusted])).toEqual([[true, true]]);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT']);
  });

  it('is B-LT, not B-LTA, under a document timestamp from a TSA the anchors do not certify, and the file fails', async () => {
    const withDssOnly = await addValidationData(stamped, ocsp.url, 'all', ocsp.crlUrl);
    const strangersTsa = fixedClockTsa(await otherPki.timestampAuthority(), signingSecond);
    const report = await verifyPdf(await addDocumentTimestamp(withDssOnly, 'stempel-waktu-asing', strangersTsa), [ca]);
    expect(report.documentTimestamps.map((s) => [s.valid, s.trusted, s.coversWholeFile])).toEqual([
      [true, false, true],
    ]);
    expect(report.signatures.map((s) => [s.level, s.valid, s.trusted])).toEqual([['B-LT', true, true]]);
    expect(report.unsignedTailBytes).toBe(0);
    expect(report.ok).toBe(false);
  });
});

describe('content changed after it was signed or time-stamped', () => {
  it('says the file changed after signing, not that the structure cannot be read, and still names the signer', async () => {
    const pdf = await sign(blank, 'kasi', atSecond(signingSecond));
    const tampered = new Uint8Array(pdf);
    const middle = Math.floor(blank.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    const report = await verifyPdf(tampered, [ca]);
    expect(report.ok).toBe(false);
    expect(report.signatures[0]).toMatchObject({
      valid: false,
      problem: 'isi berkas berubah setelah ditandatangani',
      signer: STAFF[0]!.name,
      level: 'B-B',
    });
    // The untouched file: valid, and no problem to report.
    const sound = await verifyPdf(pdf, [ca]);
    expect(sound.signatures[0]!.valid).toBe(true);
    expect(sound.signatures[0]!.problem).toBeUndefined();
    expect(sound.signatures[0]!.timestamp!.problem).toBeUndefined();
  });

  it('says the time-stamped content changed when a token is over other data than the signature value', async () => {
    const otherData: TimestampAuthority = {
      timestamp: (value) => atSecond(signingSecond).timestamp(new Uint8Array([...value, 0])),
    };
    const report = await verifyPdf(await sign(blank, 'kasi', otherData), [ca]);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({ valid: true, level: 'B-B' });
    expect(signature!.problem).toBeUndefined();
    expect(signature!.timestamp).toMatchObject({
      valid: false,
      tsa: 'Layanan Stempel Waktu Lokal',
      problem: 'isi yang diberi stempel waktu berubah',
    });
    expect(signature!.signingTime).toBeUndefined();
    expect(report.ok).toBe(false);
  });
});
