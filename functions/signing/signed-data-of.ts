import { createHash } from 'node:crypto';
import { CertificateChoices, CertificateSet, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { der, derElements, TAG } from './der.ts';
import { parseCertificate } from './parse-certificate.ts';

/** Enough for every signature and token of a few permits in flight; the oldest read is dropped first. */
const KEPT = 512;
const parsed = new Map<string, SignedData>();

/**
 * The SignedData of a CMS ContentInfo (DER): a signature's, or an RFC 3161 token's. A permit's
 * signatures are read again at every later step (their timestamps, signers and certificates, for the
 * next signature's DSS, the archive's records and the history sheets), and parsing was most of the
 * ASN.1 work of a permit; so each content is parsed once, found again by its SHA-256. The object is
 * shared: callers read it and never change it.
 */
export function signedDataOf(cms: Uint8Array): SignedData {
  const key = createHash('sha256').update(cms).digest('base64');
  const known = parsed.get(key);
  if (known) {
    parsed.delete(key);
    parsed.set(key, known);
    return known;
  }
  const signedData =
    withKnownCertificates(cms) ?? AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  parsed.set(key, signedData);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value as string);
  return signedData;
}

/**
 * The SignedData with its certificates taken from the parsed-certificate cache: every signature and
 * token carries the same few certificates (the official's, the CA's, the TSA's), and decoding them
 * was most of decoding a CMS. The rest is decoded without them. Undefined when the certificates are
 * not plain X.509 ones in a definite-length DER (then the whole is decoded as it is).
 */
function withKnownCertificates(cms: Uint8Array): SignedData | undefined {
  const [, explicit] = derElements(cms) ?? [];
  const [inner] = (explicit && derElements(explicit)) || [];
  const parts = inner && derElements(inner);
  const certificates = parts?.find((part) => part[0] === TAG.context0);
  const each = certificates && derElements(certificates);
  if (!parts || !each || each.some((certificate) => certificate[0] !== TAG.sequence)) return undefined;
  const signedData = AsnConvert.parse(der(TAG.sequence, ...parts.filter((part) => part !== certificates)), SignedData);
  signedData.certificates = new CertificateSet(
    each.map((certificate) => new CertificateChoices({ certificate: parseCertificate(certificate) })),
  );
  return signedData;
}
