// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import type { Certificate } from '@peculiar/asn1-x509';
import { X509Certificate } from '@peculiar/x509';
import { certificateDer } from './parse-certificate.ts';
import { signatureFields } from './signature-fields.ts';
import { signedDataOf } from './signed-data-of.ts';
import { readSignatureTimestamp, tstInfoOf } from './timestamp-client.ts';

/** What one signature of a PDF says of itself: its dictionary, its signer's certificate, its timestamp. */
export interface SignatureFacts {
  field: string;
  /** The dictionary's /Reason ("Paraf", "Tanda tangan", "Registrasi"), empty for a document timestamp. */
  reason: string;
  documentTimestamp: boolean;
  /** The signer's certificate: subject and issuer as RFC 4514 text, the common names, the serial in hex. */
  certificate?: { subject: string; commonName: string; issuer: string; issuerName: string; serial: string };
  /** The TSA's time and name: the signature's timestamp, or the document timestamp's own. */
  timestamp?: { at: string; tsa: string };
}

/**
 * Every signature of a PDF in field order, as the file carries it (read, not checked: verify-pdf
 * checks). The history sheet prints these, so it states what the issued copy itself holds.
 */
export async function readSignatures(pdf: Uint8Array): Promise<SignatureFacts[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return signatureFields(doc).map(({ field, value, cms, documentTimestamp }) => {
    const reason = value.lookup(PDFName.of('Reason'));
    const certificate = signerCertificate(cms);
    const timestamp = documentTimestamp ? ownTimestamp(cms, certificate) : readSignatureTimestamp(cms);
    return {
      field,
      reason: reason instanceof PDFString || reason instanceof PDFHexString ? reason.decodeText() : '',
      documentTimestamp,
      ...(certificate ? { certificate } : {}),
      ...(timestamp ? { timestamp } : {}),
    };
  });
}

/** The certificate the CMS's first signer names (issuer and serial), described. */
function signerCertificate(cms: Uint8Array): SignatureFacts['certificate'] {
  const signedData = signedDataOf(cms);
  const sid = signedData.signerInfos[0]?.sid.issuerAndSerialNumber;
  const match = (signedData.certificates ?? [])
    .flatMap((choice) => (choice.certificate ? [choice.certificate] : []))
    .find((cert) => !sid || Buffer.from(cert.tbsCertificate.serialNumber).equals(Buffer.from(sid.serialNumber)));
  return match && { ...describeCertificate(match) };
}

/**
 * Descriptions by certificate structure: parseCertificate keeps one structure per certificate, and a
 * permit's history sheets read the same few signers' certificates at every copy and signature.
 */
const described = new WeakMap<Certificate, NonNullable<SignatureFacts['certificate']>>();

function describeCertificate(structure: Certificate): NonNullable<SignatureFacts['certificate']> {
  const known = described.get(structure);
  if (known) return known;
  const certificate = new X509Certificate(certificateDer(structure));
  const facts = Object.freeze({
    subject: certificate.subject,
    commonName: certificate.subjectName.getField('CN')[0] ?? '',
    issuer: certificate.issuer,
    issuerName: certificate.issuerName.getField('CN')[0] ?? '',
    serial: certificate.serialNumber,
  });
  described.set(structure, facts);
  return facts;
}

/** A document timestamp is itself the token: its time, and its TSA is its signer. */
function ownTimestamp(cms: Uint8Array, tsa: SignatureFacts['certificate']): SignatureFacts['timestamp'] {
  return { at: tstInfoOf(signedDataOf(cms)).genTime.toISOString(), tsa: tsa?.commonName ?? '' };
}
