import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFNumber,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { withoutPadding } from './der-length.ts';
import { ParafError } from '#errors/paraf-error.ts';

// Node's global Web Crypto (the Crypto interface pkijs's engine is typed with).
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));

/** An RFC 3161 timestamp: the signature's (B-T) or a document timestamp's (B-LTA). */
export interface TimestampReport {
  /** genTime of the token, ISO 8601. */
  time: string;
  /** The TSA's certificate subject CN (or its whole subject). */
  tsa: string;
  /** The token's signature holds and its message imprint is the data's digest. */
  valid: boolean;
  /** The TSA's certificate was issued by a trusted CA (undefined when no CA was given). */
  trusted: boolean | undefined;
  /** What is wrong, in Bahasa Indonesia, for the report's reader. */
  problem?: string;
  /** When the TSA's certificate ends (ISO 8601): the archive's timestamps must be renewed before it. */
  tsaCertificateEnds?: string;
}

export interface SignatureReport {
  field: string;
  signer: string;
  nip: string;
  position: string;
  /** The common name of the CA that issued the signer's certificate (the office CA, BSrE), as the certificate says. */
  issuer: string;
  reason: string;
  signedAt: string;
  /** The CMS signature matches the bytes it covers. */
  valid: boolean;
  /** The signer's certificate was issued by a trusted CA (undefined when no CA was given). */
  trusted: boolean | undefined;
  /** Its byte ranges reach the end of the file. */
  coversWholeFile: boolean;
  /**
   * The PAdES baseline level this signature reaches in this file: B-B (no timestamp), B-T (a valid
   * signature timestamp), B-LT (and the file's /DSS holds the certificates of the signer and the
   * TSA with, for each, a verified OCSP response saying good or a verified CRL issued after the
   * timestamp that does not list it), B-LTA (and a valid document timestamp covers that DSS).
   */
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
  /** The signature timestamp (PAdES B-T), over the signature value; absent on a B-B signature. */
  timestamp?: TimestampReport;
  /**
   * The time the signature is proven to exist: the time of a valid timestamp whose TSA a trust anchor
   * certified. Absent otherwise: anyone can run a TSA, so an unknown one's time proves nothing.
   */
  signingTime?: string;
  /**
   * The signer's certificate was within its validity at `signingTime`; without one, at the time of
   * verification (the time the signer claims, M, proves nothing, nor does an untrusted TSA's).
   */
  certificateValidAtSigning: boolean;
  /**
   * When a verified OCSP response or CRL of the file's /DSS says the signer's certificate was revoked:
   * the earliest revocation time. At or before the signing time, the certificate was not valid at signing.
   */
  revokedAt?: string;
  problem?: string;
}

/** A document timestamp (/DocTimeStamp, /SubFilter /ETSI.RFC3161) over the file up to its revision. */
export interface DocumentTimestampReport extends TimestampReport {
  field: string;
  coversWholeFile: boolean;
}

export interface VerificationReport {
  signatures: SignatureReport[];
  documentTimestamps: DocumentTimestampReport[];
  /**
   * What the /DSS holds: certificates, OCSP responses (those a trust anchor's key signed saying good),
   * and CRLs of the DSS and its /VRI (those a trust anchor signed).
   */
  validationData: {
    certificates: number;
    ocspResponses: number;
    verifiedGood: number;
    crls: number;
    verifiedCrls: number;
  };
  /** Bytes after the last signature's coverage: an unsigned change appended later. */
  unsignedTailBytes: number;
  ok: boolean;
}

const ATTRIBUTE = { cn: '2.5.4.3', serialNumber: '2.5.4.5', title: '2.5.4.12' } as const;

function subjectValue(certificate: pkijs.Certificate, type: string): string {
  return certificate.subject.typesAndValues.find((tv) => tv.type === type)?.value.valueBlock.value ?? '';
}

function text(dict: PDFDict, key: string): string {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}

/** The trust anchor named as `issuer` whose key made the signature `check` verifies, if any. */
async function signingAnchor(
  issuer: pkijs.RelativeDistinguishedNames,
  check: (authority: pkijs.Certificate) => Promise<boolean>,
  authorities: pkijs.Certificate[],
): Promise<pkijs.Certificate | undefined> {
  for (const authority of authorities)
    if (issuer.isEqual(authority.subject) && (await check(authority))) return authority;
  return undefined;
}

async function isIssuedBy(certificate: pkijs.Certificate, authorities: pkijs.Certificate[]): Promise<boolean> {
  return Boolean(await signingAnchor(certificate.issuer, (authority) => certificate.verify(authority), authorities));
}

/**
 * Checks every signature of a PDF on its own terms: the CMS against the bytes its ByteRange
 * covers, the certificate against the trusted CAs, and whether the last signature reaches the
 * end of the file. pdfsig reports "Not total document signed" for an appended update but still
 * calls every signature valid; here that fails the document.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one report over every signature: the checks (gap, digest, CMS, chain, timestamp, revocation) share what the revision parse found
export async function verifyPdf(
  bytes: Uint8Array,
  trustedCas: Uint8Array[] = [],
  /** The time of the verification: a later one shows what a verifier will find then. */
  now = new Date(),
): Promise<VerificationReport> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const authorities = trustedCas.map((der) => pkijs.Certificate.fromBER(der));
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  const signatures: SignatureReport[] = [];
  const documentTimestamps: DocumentTimestampReport[] = [];
  /** Per signature: its signer's certificate and its TSA's, for the DSS check. */
  const signerCertificates = new Map<SignatureReport, pkijs.Certificate[]>();
  const stampEnds = new Map<DocumentTimestampReport, number>();
  /** Each timestamp's TSA certificate and where the bytes it covers end, for the long-term check. */
  const stamped = new Map<TimestampReport, { certificate: pkijs.Certificate; end: number }>();
  let furthest = 0;

  for (const [field] of fields) {
    if (field.dict.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
    const value = field.dict.lookup(PDFName.of('V'));
    if (!(value instanceof PDFDict)) continue;
    const report: SignatureReport = {
      field: field.getPartialName() ?? '',
      signer: '',
      nip: '',
      position: '',
      issuer: '',
      reason: text(value, 'Reason'),
      signedAt: '',
      valid: false,
      trusted: undefined,
      coversWholeFile: false,
      certificateValidAtSigning: false,
      level: 'B-B',
    };
    if (value.get(PDFName.of('SubFilter')) === PDFName.of('ETSI.RFC3161')) {
      const stamp = await checkDocumentTimestamp(value, report.field, bytes, authorities);
      furthest = Math.max(furthest, stamp.end);
      const stampReport = { ...stamp.report, coversWholeFile: stamp.end === bytes.length };
      documentTimestamps.push(stampReport);
      stampEnds.set(stampReport, stamp.end);
      if (stamp.certificate) stamped.set(stampReport, { certificate: stamp.certificate, end: stamp.end });
      continue;
    }
    signatures.push(report);
    signerCertificates.set(report, []);
    try {
      const { signed, end, contents } = coveredBytes(value, bytes, 'signature');
      furthest = Math.max(furthest, end);
      report.coversWholeFile = end === bytes.length;
      const info = pkijs.ContentInfo.fromBER(contents);
      const signedData = new pkijs.SignedData({ schema: info.content });
      const result = await verifySignedData(signedData, signed);
      const certificate =
        (result as { signerCertificate?: pkijs.Certificate }).signerCertificate ??
        (signedData.certificates?.[0] as pkijs.Certificate);
      report.signer = subjectValue(certificate, ATTRIBUTE.cn);
      report.nip = subjectValue(certificate, ATTRIBUTE.serialNumber);
      report.position = subjectValue(certificate, ATTRIBUTE.title);
      report.issuer =
        certificate.issuer.typesAndValues.find((tv) => tv.type === ATTRIBUTE.cn)?.value.valueBlock.value ?? '';
      const m = value.lookup(PDFName.of('M'));
      report.signedAt = m instanceof PDFString ? claimedTime(m) : '';
      report.valid = Boolean((result as { signatureVerified?: boolean }).signatureVerified);
      if (!report.valid) report.problem = 'isi berkas berubah setelah ditandatangani';
      if (authorities.length) report.trusted = await isIssuedBy(certificate, authorities);
      const signerInfo = signedData.signerInfos[0];
      const token = signerInfo?.unsignedAttrs?.attributes.find((a) => a.type === OID_TIMESTAMP_TOKEN)?.values[0];
      signerCertificates.get(report)?.push(certificate);
      if (signerInfo && token) {
        const signatureValue = signerInfo.signature.valueBlock.valueHexView;
        const checked = await checkTimestampToken(token.toBER(), signatureValue, authorities);
        report.timestamp = checked.report;
        if (checked.certificate) {
          signerCertificates.get(report)?.push(checked.certificate);
          stamped.set(checked.report, { certificate: checked.certificate, end });
        }
        if (checked.report.valid && checked.report.trusted === true) report.signingTime = checked.report.time;
      }
      // Only a trusted TSA's timestamp proves when the signature existed; without one, the time the
      // signer or a TSA of its choosing claims proves nothing, so the certificate must be valid now,
      // as pdfsig checks it.
      report.certificateValidAtSigning = withinValidity(certificate, provenTime(report, now));
    } catch (error) {
      report.valid = false;
      report.problem = readerProblem(error);
    }
  }

  provenByTimestampsThatHold(signatures, documentTimestamps, stamped, signerCertificates, now);
  const validation = await readValidationData(doc, authorities);
  // A certificate revoked at or before the time the signature is proven to exist was not valid then;
  // revoked after it, the signature made before stays valid (the point of the timestamp).
  for (const report of signatures) {
    const own = signerCertificates.get(report)?.[0];
    const revokedAt = own && validation.revocation(own, provenTime(report, now)).revokedAt;
    if (!revokedAt) continue;
    report.revokedAt = revokedAt.toISOString();
    if (revokedAt.getTime() <= provenTime(report, now).getTime()) report.certificateValidAtSigning = false;
  }
  const inDss = (certificate: pkijs.Certificate) =>
    validation.certificates.some(
      (other) => other.issuer.isEqual(certificate.issuer) && serialOf(other) === serialOf(certificate),
    );
  // Where the first /DSS was written: a document timestamp whose range reaches past it covers it.
  const dssAt = Buffer.from(bytes).indexOf('/DSS');
  for (const report of signatures) {
    if (!report.valid || !report.timestamp?.valid) continue;
    report.level = 'B-T';
    const certificates = signerCertificates.get(report) ?? [];
    const stampedAt = new Date(report.timestamp.time);
    const longTerm =
      certificates.length === 2 &&
      certificates.every((certificate) => inDss(certificate) && validation.revocation(certificate, stampedAt).good);
    if (!longTerm) continue;
    report.level = 'B-LT';
    if (
      dssAt >= 0 &&
      documentTimestamps.some((stamp) => stamp.valid && stamp.trusted !== false && (stampEnds.get(stamp) ?? 0) > dssAt)
    )
      report.level = 'B-LTA';
  }
  const unsignedTailBytes = signatures.length ? bytes.length - furthest : 0;
  const ok =
    signatures.length > 0 &&
    signatures.every(
      (s) =>
        s.valid &&
        s.trusted !== false &&
        s.certificateValidAtSigning &&
        (!s.timestamp || (s.timestamp.valid && s.timestamp.trusted !== false)),
    ) &&
    documentTimestamps.every((stamp) => stamp.valid && stamp.trusted !== false) &&
    unsignedTailBytes === 0;
  return {
    signatures,
    documentTimestamps,
    validationData: {
      certificates: validation.certificates.length,
      ocspResponses: validation.ocspResponses,
      verifiedGood: validation.verifiedGood,
      crls: validation.crls,
      verifiedCrls: validation.verifiedCrls,
    },
    unsignedTailBytes,
    ok,
  };
}

const OID_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

/** The first signer's signature over `data` (no chain check: trust is judged apart), a changed digest read as unverified. */
function verifySignedData(signedData: pkijs.SignedData, data: Uint8Array | ArrayBuffer) {
  return signedData
    .verify({ signer: 0, data: new Uint8Array(data).buffer, checkChain: false, extendedMode: true })
    .catch(digestMismatch);
}

/**
 * pkijs throws, rather than returns `signatureVerified: false`, when the signed content's digest is
 * not the one signed (a signature's message digest, a token's message imprint): that is content
 * changed after it was signed, which the report says as such, naming the signer, not a structure
 * that cannot be read. pkijs tells these failures from its others only by their message.
 */
function digestMismatch(error: unknown): { signatureVerified: false; signerCertificate: pkijs.Certificate } {
  if (
    error instanceof pkijs.SignedDataVerifyError &&
    error.signerCertificate &&
    /Message digest doesn't match|TSTInfo verification is failed/.test(error.message)
  )
    return { signatureVerified: false, signerCertificate: error.signerCertificate };
  throw error;
}

/**
 * The signer's own claim of when it signed (/M): a date pdf-lib cannot read is no claim, which does
 * not make the signature itself unreadable.
 */
function claimedTime(m: PDFString): string {
  try {
    return m.decodeDate()?.toISOString() ?? '';
  } catch {
    return '';
  }
}

/** The time the certificate is judged at: the trusted timestamp's, or now. */
const provenTime = (report: SignatureReport, now: Date) => (report.signingTime ? new Date(report.signingTime) : now);

/**
 * Long-term validation: a timestamp proves its time only while its TSA's certificate holds, both when
 * it was made and when the next document timestamp covering it was (which proves the earlier one
 * existed then), or, for the last, at the time of this verification. So an archive whose timestamps
 * the office renewed before each TSA certificate ended stays provable for decades, and one it did not
 * renew stops being so on the day the last TSA certificate ends. A signature timestamp that no longer
 * proves its time leaves the signer's certificate to be judged now, as without a timestamp.
 */
function provenByTimestampsThatHold(
  signatures: SignatureReport[],
  documentTimestamps: DocumentTimestampReport[],
  stamped: Map<TimestampReport, { certificate: pkijs.Certificate; end: number }>,
  signerCertificates: Map<SignatureReport, pkijs.Certificate[]>,
  now: Date,
): void {
  const holding: { time: Date; end: number }[] = [];
  const judge = (stamp: TimestampReport) => {
    const facts = stamped.get(stamp);
    if (!stamp.valid || !facts) return;
    const { certificate, end } = facts;
    stamp.tsaCertificateEnds = certificate.notAfter.value.toISOString();
    const next = holding.filter((later) => later.end > end).sort((a, b) => a.time.getTime() - b.time.getTime())[0];
    const judgedAt = next?.time ?? now;
    // Its end is what is judged: a TSA whose certificate has ended signs nothing that proves a time.
    // Not its start: a token dated before its TSA's certificate began can only come from a key used
    // outside its TSA, which is a compromise that the certificate's revocation answers.
    const endsAfter = (at: Date) => at.getTime() <= certificate.notAfter.value.getTime();
    const made = new Date(stamp.time);
    if (endsAfter(made) && endsAfter(judgedAt)) return;
    stamp.valid = false;
    stamp.problem = endsAfter(made)
      ? `sertifikat penyedia stempel waktu berakhir ${isoDay(certificate.notAfter.value)}, sebelum ${next ? `stempel waktu dokumen berikutnya (${isoDay(next.time)})` : 'pemeriksaan ini'}, sehingga waktunya tidak lagi terbukti; stempel waktu arsip harus diperbarui sebelum sertifikat penyedianya berakhir`
      : `sertifikat penyedia stempel waktu sudah berakhir ${isoDay(certificate.notAfter.value)}, sebelum stempel itu dibuat`;
  };
  for (const stamp of [...documentTimestamps].sort((a, b) => (stamped.get(b)?.end ?? 0) - (stamped.get(a)?.end ?? 0))) {
    judge(stamp);
    const facts = stamped.get(stamp);
    if (stamp.valid && stamp.trusted !== false && facts) holding.push({ time: new Date(stamp.time), end: facts.end });
  }
  for (const report of signatures) {
    if (!report.timestamp) continue;
    judge(report.timestamp);
    if (report.timestamp.valid || !report.signingTime) continue;
    delete report.signingTime;
    const certificate = signerCertificates.get(report)?.[0];
    report.certificateValidAtSigning = certificate ? withinValidity(certificate, now) : false;
  }
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function withinValidity(certificate: pkijs.Certificate, at: Date): boolean {
  return certificate.notBefore.value.getTime() <= at.getTime() && at.getTime() <= certificate.notAfter.value.getTime();
}

/**
 * An RFC 3161 token against the data it time-stamps: pkijs checks the TSA's signature, the content
 * digest, and (for a TSTInfo) that the message imprint is the data's digest.
 */
export async function checkTimestampToken(
  tokenDer: ArrayBuffer | Uint8Array,
  data: ArrayBuffer | Uint8Array,
  authorities: pkijs.Certificate[],
): Promise<{ report: TimestampReport; certificate?: pkijs.Certificate }> {
  const report: TimestampReport = { time: '', tsa: '', valid: false, trusted: undefined };
  let tsaCertificate: pkijs.Certificate | undefined;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(tokenDer));
    const signedData = new pkijs.SignedData({ schema: info.content });
    const eContent = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== pkijs.id_eContentType_TSTInfo || !eContent)
      throw unreadable('stempel waktu tanpa isi TSTInfo');
    const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
    report.time = tstInfo.genTime.toISOString();
    const result = await verifySignedData(signedData, data);
    const certificate = (result as { signerCertificate?: pkijs.Certificate }).signerCertificate;
    tsaCertificate = certificate;
    if (certificate) {
      report.tsa =
        subjectValue(certificate, ATTRIBUTE.cn) ||
        certificate.subject.typesAndValues.map((tv) => tv.value.valueBlock.value).join(', ');
      if (authorities.length) report.trusted = await isIssuedBy(certificate, authorities);
    }
    report.valid = Boolean((result as { signatureVerified?: boolean }).signatureVerified);
    if (!report.valid) report.problem = 'isi yang diberi stempel waktu berubah';
  } catch (error) {
    report.valid = false;
    report.problem = readerProblem(error);
  }
  return { report, certificate: tsaCertificate };
}

/** A /DocTimeStamp's token against the bytes its range covers. */
async function checkDocumentTimestamp(
  value: PDFDict,
  field: string,
  bytes: Uint8Array,
  authorities: pkijs.Certificate[],
): Promise<{ report: DocumentTimestampReport; end: number; certificate?: pkijs.Certificate | undefined }> {
  try {
    const { signed, end, contents } = coveredBytes(value, bytes, 'timestamp');
    const { report, certificate } = await checkTimestampToken(contents, signed, authorities);
    return { report: { ...report, field, coversWholeFile: false }, end, certificate };
  } catch (error) {
    return {
      report: {
        field,
        time: '',
        tsa: '',
        valid: false,
        trusted: undefined,
        coversWholeFile: false,
        problem: readerProblem(error),
      },
      end: 0,
    };
  }
}

/** A CRL a trust anchor signed: whom it covers (the anchor's certificates), as of when, and what it lists. */
interface RevocationList {
  issuer: pkijs.RelativeDistinguishedNames;
  thisUpdate: Date;
  revoked: Map<string, Date>;
}

/**
 * The certificates of the /DSS, its OCSP responses and its CRLs (and the CRLs of its /VRI entries)
 * that a trust anchor's key signed, and `revocation`, what they say of one certificate: when it was
 * revoked, and whether it is known good (an OCSP response says so, or a CRL issued after `at` while
 * the certificate was still within its validity does not list it; a CRL may drop expired ones).
 */
async function readValidationData(doc: PDFDocument, authorities: pkijs.Certificate[]) {
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const streams = (holder: PDFDict | undefined, key: string) =>
    (holder?.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).flatMap((ref) => {
      const stream = doc.context.lookup(ref);
      return stream instanceof PDFRawStream ? [decodePDFRawStream(stream).decode()] : [];
    });
  // A stream that is not a certificate proves nothing and is passed over, as an unreadable CRL is.
  const certificates = streams(dss, 'Certs').flatMap((der) => {
    try {
      return [pkijs.Certificate.fromBER(der)];
    } catch {
      return [];
    }
  });
  const ocsps = streams(dss, 'OCSPs');
  const { statuses, revokedAt, verifiedGood } = await readOcspResponses(ocsps, authorities);
  const vri = dss?.lookupMaybe(PDFName.of('VRI'), PDFDict);
  const vriEntries = (vri?.values() ?? []).flatMap((entry) => {
    const dict = doc.context.lookup(entry);
    return dict instanceof PDFDict ? [dict] : [];
  });
  // The same CRL is often in the DSS and in several VRI entries: each counted once.
  const crlDers = [
    ...new Map(
      [...streams(dss, 'CRLs'), ...vriEntries.flatMap((entry) => streams(entry, 'CRL'))].map((der) => [
        Buffer.from(der).toString('base64'),
        der,
      ]),
    ).values(),
  ];
  const crls: RevocationList[] = [];
  for (const der of crlDers) {
    const list = await trustedRevocationList(der, authorities);
    if (list) crls.push(list);
  }

  const revocation = (certificate: pkijs.Certificate, at: Date) => {
    const serial = serialOf(certificate);
    const own = crls.filter((list) => list.issuer.isEqual(certificate.issuer));
    const times = [revokedAt.get(serial), ...own.map((list) => list.revoked.get(serial))].filter(
      (time): time is Date => time !== undefined,
    );
    const revoked = times.length ? new Date(Math.min(...times.map((time) => time.getTime()))) : undefined;
    // A CRL states whole seconds (RFC 5280): one issued in the second the signature was proven to
    // exist, as the archiving step's right after the last signature often is, cannot be ordered
    // before it, so it counts.
    const wholeSecond = Math.floor(at.getTime() / 1000) * 1000;
    const currentCrl = own.some(
      (list) =>
        list.thisUpdate.getTime() >= wholeSecond && list.thisUpdate.getTime() <= certificate.notAfter.value.getTime(),
    );
    const ocsp = statuses.get(serial);
    return { revokedAt: revoked, good: !revoked && ocsp !== 'revoked' && (ocsp === 'good' || currentCrl) };
  };
  return {
    certificates,
    revocation,
    ocspResponses: ocsps.length,
    verifiedGood,
    crls: crlDers.length,
    verifiedCrls: crls.length,
  };
}

/** The OCSP responses (DER) a trust anchor's key signed, by serial: good, revoked (and since when) or unknown. */
async function readOcspResponses(ocsps: Uint8Array[], authorities: pkijs.Certificate[]) {
  const statuses = new Map<string, 'good' | 'revoked' | 'unknown'>();
  const revokedAt = new Map<string, Date>();
  let verifiedGood = 0;
  for (const der of ocsps) {
    try {
      const response = pkijs.OCSPResponse.fromBER(der);
      const bytes = response.responseBytes?.response.valueBlock.valueHexView;
      if (!bytes) continue;
      const basic = pkijs.BasicOCSPResponse.fromBER(bytes);
      if (!authorities.length || !(await basic.verify({ trustedCerts: authorities }))) continue;
      for (const single of basic.tbsResponseData.responses) {
        const serial = Buffer.from(single.certID.serialNumber.valueBlock.valueHexView).toString('hex');
        const tag = single.certStatus.idBlock.tagNumber;
        const status = tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown';
        statuses.set(serial, status);
        if (status === 'good') verifiedGood += 1;
        // RevokedInfo ([1] IMPLICIT SEQUENCE): its first element is the revocationTime.
        const time = (single.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } }).valueBlock
          ?.value?.[0];
        if (status === 'revoked' && time?.toDate) revokedAt.set(serial, time.toDate());
      }
    } catch {
      // An OCSP response that cannot be read or verified counts for nothing.
    }
  }
  return { statuses, revokedAt, verifiedGood };
}

/**
 * A CRL parsed by pkijs, which refuses an entry with an empty crlEntryExtensions SEQUENCE (RFC 5280
 * wants one or more) though @peculiar/x509's generator, and so the development CA, writes one and
 * openssl reads it: the empty SEQUENCE is dropped from the parsed tree. The signature is still checked
 * over the bytes as signed (pkijs keeps the tbsCertList's own encoding).
 */
function readRevocationList(der: Uint8Array): pkijs.CertificateRevocationList {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw unreadable('daftar pencabutan (CRL) bukan DER');
  const tbs = (asn1.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const revoked = tbs.valueBlock.value.find(
    (part) =>
      part instanceof asn1js.Sequence &&
      part.valueBlock.value.every(
        (entry) => entry instanceof asn1js.Sequence && entry.valueBlock.value[0] instanceof asn1js.Integer,
      ),
  ) as asn1js.Sequence | undefined;
  for (const entry of (revoked?.valueBlock.value ?? []) as asn1js.Sequence[])
    entry.valueBlock.value = entry.valueBlock.value.filter(
      (part, index) => index < 2 || !(part instanceof asn1js.Sequence && part.valueBlock.value.length === 0),
    );
  return new pkijs.CertificateRevocationList({ schema: asn1.result });
}

/** A CRL (DER) if a trust anchor named as its issuer signed it; unreadable or anyone else's: undefined. */
async function trustedRevocationList(
  der: Uint8Array,
  authorities: pkijs.Certificate[],
): Promise<RevocationList | undefined> {
  try {
    const crl = readRevocationList(der);
    const anchor = await signingAnchor(
      crl.issuer,
      (authority) => crl.verify({ issuerCertificate: authority }),
      authorities,
    );
    if (!anchor) return undefined;
    const revoked = new Map(
      (crl.revokedCertificates ?? []).map((entry) => [
        Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'),
        entry.revocationDate.value,
      ]),
    );
    return { issuer: crl.issuer, thisUpdate: crl.thisUpdate.value, revoked };
  } catch {
    // A CRL that cannot be read counts for nothing, as an unverifiable OCSP response.
    return undefined;
  }
}

const serialOf = (certificate: pkijs.Certificate) =>
  Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex');

/** A signature or timestamp this module cannot accept, said as a reader of the report needs it. */
const unreadable = (why: string) => new ParafError('invalid-document', why);

/**
 * What a report says went wrong, in Bahasa Indonesia: this module's own refusal, or, for what the
 * parsers threw (their words are English, for developers), that the structure could not be read.
 */
const readerProblem = (error: unknown) =>
  error instanceof ParafError ? error.message : 'struktur tanda tangan tidak terbaca';

/**
 * The bytes a signature dictionary's /ByteRange covers, where that coverage ends, and its /Contents
 * (padding cut off). The hole between the two ranges must be exactly the hex /Contents: nothing
 * else may go unsigned.
 */
function coveredBytes(value: PDFDict, bytes: Uint8Array, what: string) {
  const range = value
    .lookup(PDFName.of('ByteRange'), PDFArray)
    .asArray()
    .map((n) => (n as PDFNumber).asNumber());
  const [start, firstLength, second, secondLength] = range as [number, number, number, number];
  if (range.length !== 4 || start !== 0 || second < firstLength || second + secondLength > bytes.length)
    throw unreadable('rentang bita tanda tangan rusak');
  const hole = Buffer.from(bytes.subarray(firstLength, second)).toString('latin1');
  if (!/^<[0-9a-fA-F]+>$/.test(hole))
    throw unreadable(
      `ada bita di luar ${what === 'timestamp' ? 'stempel waktu' : 'tanda tangan'} yang tidak ditandatangani`,
    );
  const signed = Buffer.concat([bytes.subarray(0, firstLength), bytes.subarray(second, second + secondLength)]);
  const contents = value.lookup(PDFName.of('Contents'));
  const der = contents instanceof PDFHexString ? contents.asBytes() : (contents as PDFString).asBytes();
  return { signed, end: second + secondLength, contents: new Uint8Array(withoutPadding(der)).buffer };
}
