import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CMSVersion, id_data, id_signedData } from '@peculiar/asn1-cms';
import type { Certificate } from '@peculiar/asn1-x509';
import { der, derInteger, derOid, retagged, TAG } from './der.ts';
import { parseCertificate } from './parse-certificate.ts';
import type { SignatureAlgorithm, SignerPort } from './signer-port.ts';

const OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);
/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF value } with one value. */
const attributeDer = (attrType: string, value: Uint8Array) => der(TAG.sequence, derOid(attrType), der(TAG.set, value));

/**
 * A CMS signer's signed attributes over `content` of type `contentType`, as the bytes its signature
 * covers (a SET, re-tagged [0] in the SignerInfo): the content type, the content's digest, and
 * signingCertificateV2 (RFC 5035: one ESSCertIDv2, SHA-256 by default, no issuerSerial), which binds
 * the signature to the signer's certificate (`ownDer`). Used for the officials' signatures and the
 * TSA's tokens.
 */
export function signedAttributesOver(
  contentType: string,
  content: Uint8Array,
  ownDer: Uint8Array,
): { toBeSigned: Uint8Array } {
  const signingCertificate = der(
    TAG.sequence,
    der(TAG.sequence, der(TAG.sequence, der(TAG.octetString, sha256(ownDer)))),
  );
  const attributes = [
    attributeDer(OID.contentType, derOid(contentType)),
    attributeDer(OID.messageDigest, der(TAG.octetString, sha256(content))),
    attributeDer(OID.signingCertificateV2, signingCertificate),
  ];
  // DER orders a SET OF by its encodings; the signature covers the SET exactly as it is sent.
  attributes.sort((a, b) => Buffer.compare(a, b));
  return { toBeSigned: der(TAG.set, ...attributes) };
}

const SIGNATURE_ALGORITHM: Record<SignatureAlgorithm, () => Uint8Array> = {
  'ecdsa-sha256': () => der(TAG.sequence, derOid(OID.ecdsaWithSha256)),
  'rsa-sha256': () => der(TAG.sequence, derOid(OID.sha256WithRsa), der(TAG.null)),
};
const sha256AlgorithmDer = () => der(TAG.sequence, derOid(OID.sha256));

/** A certificate's issuer as encoded (Name), with its serial: what a SignerInfo names its signer by. */
const issuerAndSerial = new WeakMap<Certificate, Uint8Array>();
function issuerAndSerialDer(own: Certificate): Uint8Array {
  let known = issuerAndSerial.get(own);
  if (!known) {
    const { issuer, serialNumber } = own.tbsCertificate;
    known = der(TAG.sequence, bytesOf(AsnConvert.serialize(issuer)), derInteger(bytesOf(serialNumber)));
    issuerAndSerial.set(own, known);
  }
  return known;
}

/**
 * The SignerInfo (DER) that names its certificate by issuer and serial, over SHA-256, with its
 * signature over `toBeSigned` (signedAttributesOver's) and, when given, unsigned attributes (each an
 * Attribute's DER).
 */
export function signerInfoDer(
  own: Certificate,
  toBeSigned: Uint8Array,
  signature: Uint8Array,
  algorithm: SignatureAlgorithm,
  unsignedAttrs: Uint8Array[] = [],
): Uint8Array {
  return der(
    TAG.sequence,
    derInteger(Uint8Array.of(CMSVersion.v1)),
    issuerAndSerialDer(own),
    sha256AlgorithmDer(),
    retagged(toBeSigned, TAG.context0),
    SIGNATURE_ALGORITHM[algorithm](),
    der(TAG.octetString, signature),
    ...(unsignedAttrs.length ? [der(TAG.context1, ...unsignedAttrs)] : []),
  );
}

/**
 * A ContentInfo (DER) holding a SignedData over SHA-256 with one signer: `eContent` travels inside
 * when given (a TSA's TSTInfo), else the content is detached (a PDF's byte ranges); the certificates
 * are put in as they are, in the order given.
 */
export function signedDataDer(parts: {
  version: CMSVersion;
  eContentType: string;
  eContent?: Uint8Array;
  certificates: Uint8Array[];
  signerInfo: Uint8Array;
}): Uint8Array {
  const encapsulated = der(
    TAG.sequence,
    derOid(parts.eContentType),
    ...(parts.eContent ? [der(TAG.context0, der(TAG.octetString, parts.eContent))] : []),
  );
  const signedData = der(
    TAG.sequence,
    derInteger(Uint8Array.of(parts.version)),
    der(TAG.set, sha256AlgorithmDer()),
    encapsulated,
    ...(parts.certificates.length ? [der(TAG.context0, ...parts.certificates)] : []),
    der(TAG.set, parts.signerInfo),
  );
  return der(TAG.sequence, derOid(id_signedData), der(TAG.context0, signedData));
}

/**
 * A detached CMS SignedData for PAdES (SubFilter ETSI.CAdES.detached): signed attributes are the
 * content type, the digest of the signed byte ranges, and signingCertificateV2, which binds the
 * signature to the official's certificate. The claimed signing time is the signature dictionary's M.
 * With `timestamp` (PAdES B-T), the signature value is time-stamped by a TSA and the token travels
 * as the unsigned attribute id-aa-timeStampToken (RFC 3161, appendix A): the time no longer rests on
 * the signer's clock.
 */
export async function buildCms(
  signer: SignerPort,
  officialId: string,
  content: Uint8Array,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const certificates = await signer.certificates(officialId);
  const [ownDer] = certificates;
  if (!ownDer) throw new Error(`no certificate for official ${officialId}`);
  const { toBeSigned } = signedAttributesOver(id_data, content, ownDer);
  const { signature, algorithm } = await signer.sign(officialId, toBeSigned);
  const token = timestamp ? await timestamp(signature) : undefined;
  const unsigned = token ? [der(TAG.sequence, derOid(OID.timeStampToken), der(TAG.set, token))] : [];
  return signedDataDer({
    version: CMSVersion.v1,
    eContentType: id_data,
    certificates,
    signerInfo: signerInfoDer(parseCertificate(ownDer), toBeSigned, signature, algorithm, unsigned),
  });
}
