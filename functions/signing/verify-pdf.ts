import { webcrypto } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFNumber, PDFString } from '@cantoo/pdf-lib';
import * as pkijs from 'pkijs';

// pkijs types its engine with the DOM's Crypto; Node's webcrypto is that same interface.
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

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
  problem?: string;
}

export interface SignatureReport {
  field: string;
  signer: string;
  nip: string;
  position: string;
  reason: string;
  signedAt: string;
  /** The CMS signature matches the bytes it covers. */
  valid: boolean;
  /** The signer's certificate was issued by a trusted CA (undefined when no CA was given). */
  trusted: boolean | undefined;
  /** Its byte ranges reach the end of the file. */
  coversWholeFile: boolean;
  /** The signature timestamp (PAdES B-T), over the signature value; absent on a B-B signature. */
  timestamp?: TimestampReport;
  /**
   * The signer's certificate was within its validity at the signing time the timestamp proves;
   * without a valid timestamp, at the time of verification (the time the signer claims, M, proves nothing).
   */
  certificateValidAtSigning: boolean;
  problem?: string;
}

export interface VerificationReport {
  signatures: SignatureReport[];
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

async function isIssuedBy(certificate: pkijs.Certificate, authorities: pkijs.Certificate[]): Promise<boolean> {
  for (const authority of authorities) {
    if (certificate.issuer.isEqual(authority.subject) && (await certificate.verify(authority))) return true;
  }
  return false;
}

/**
 * Checks every signature of a PDF on its own terms: the CMS against the bytes its ByteRange
 * covers, the certificate against the trusted CAs, and whether the last signature reaches the
 * end of the file. pdfsig reports "Not total document signed" for an appended update but still
 * calls every signature valid; here that fails the document.
 */
export async function verifyPdf(bytes: Uint8Array, trustedCas: Uint8Array[] = []): Promise<VerificationReport> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const authorities = trustedCas.map((der) => pkijs.Certificate.fromBER(der));
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  const signatures: SignatureReport[] = [];
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
      reason: text(value, 'Reason'),
      signedAt: '',
      valid: false,
      trusted: undefined,
      coversWholeFile: false,
      certificateValidAtSigning: false,
    };
    signatures.push(report);
    try {
      const range = value
        .lookup(PDFName.of('ByteRange'), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      const [start, firstLength, second, secondLength] = range as [number, number, number, number];
      if (range.length !== 4 || start !== 0 || second < firstLength || second + secondLength > bytes.length)
        throw new Error('its byte range is malformed');
      // The hole between the two ranges must be exactly the hex CMS: nothing else may go unsigned.
      const hole = Buffer.from(bytes.subarray(firstLength, second)).toString('latin1');
      if (!/^<[0-9a-fA-F]+>$/.test(hole)) throw new Error('its byte range leaves more than the signature unsigned');
      furthest = Math.max(furthest, second + secondLength);
      report.coversWholeFile = second + secondLength === bytes.length;
      const signed = Buffer.concat([bytes.subarray(0, firstLength), bytes.subarray(second, second + secondLength)]);
      const contents = value.lookup(PDFName.of('Contents'));
      const der = contents instanceof PDFHexString ? contents.asBytes() : (contents as PDFString).asBytes();
      const info = pkijs.ContentInfo.fromBER(withoutPadding(der));
      const signedData = new pkijs.SignedData({ schema: info.content });
      const result = await signedData.verify({
        signer: 0,
        data: new Uint8Array(signed).buffer,
        checkChain: false,
        extendedMode: true,
      });
      const certificate =
        (result as { signerCertificate?: pkijs.Certificate }).signerCertificate ??
        (signedData.certificates?.[0] as pkijs.Certificate);
      report.signer = subjectValue(certificate, ATTRIBUTE.cn);
      report.nip = subjectValue(certificate, ATTRIBUTE.serialNumber);
      report.position = subjectValue(certificate, ATTRIBUTE.title);
      const m = value.lookup(PDFName.of('M'));
      report.signedAt = m instanceof PDFString ? (m.decodeDate()?.toISOString() ?? '') : '';
      report.valid = Boolean((result as { signatureVerified?: boolean }).signatureVerified);
      if (!report.valid) report.problem = 'the signature does not match the signed bytes';
      if (authorities.length) report.trusted = await isIssuedBy(certificate, authorities);
      const signerInfo = signedData.signerInfos[0]!;
      const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID_TIMESTAMP_TOKEN)?.values[0];
      if (token) {
        const signatureValue = signerInfo.signature.valueBlock.valueHexView;
        report.timestamp = await checkTimestampToken(token.toBER(), signatureValue, authorities);
      }
      // Only a timestamp proves when the signature existed; without one (B-B), the time the signer
      // claims proves nothing, so the certificate must be valid now, as pdfsig checks it.
      report.certificateValidAtSigning = withinValidity(
        certificate,
        report.timestamp?.valid ? new Date(report.timestamp.time) : new Date(),
      );
    } catch (error) {
      report.valid = false;
      report.problem = (error as Error).message;
    }
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
    unsignedTailBytes === 0;
  return { signatures, unsignedTailBytes, ok };
}

const OID_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

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
): Promise<TimestampReport> {
  const report: TimestampReport = { time: '', tsa: '', valid: false, trusted: undefined };
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(tokenDer));
    const signedData = new pkijs.SignedData({ schema: info.content });
    const eContent = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== pkijs.id_eContentType_TSTInfo || !eContent)
      throw new Error('the token carries no TSTInfo');
    const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
    report.time = tstInfo.genTime.toISOString();
    const result = await signedData.verify({
      signer: 0,
      data: new Uint8Array(data).buffer,
      checkChain: false,
      extendedMode: true,
    });
    const certificate = (result as { signerCertificate?: pkijs.Certificate }).signerCertificate;
    if (certificate) {
      report.tsa =
        subjectValue(certificate, ATTRIBUTE.cn) ||
        certificate.subject.typesAndValues.map((tv) => tv.value.valueBlock.value).join(', ');
      if (authorities.length) report.trusted = await isIssuedBy(certificate, authorities);
    }
    report.valid = Boolean((result as { signatureVerified?: boolean }).signatureVerified);
    if (!report.valid) report.problem = 'the timestamp does not match what it time-stamps';
  } catch (error) {
    report.valid = false;
    report.problem = `timestamp: ${(error as { message?: string }).message ?? String(error)}`;
  }
  return report;
}

/** The /Contents hole is padded with zeros after the DER; the DER header says where it ends. */
function withoutPadding(der: Uint8Array): ArrayBuffer {
  const first = der[1] ?? 0;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + der[2 + i]!;
    header = 2 + count;
  }
  return new Uint8Array(der.subarray(0, header + length)).buffer;
}
