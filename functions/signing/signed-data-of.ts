import { createHash } from 'node:crypto';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';

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
  const signedData = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  parsed.set(key, signedData);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value as string);
  return signedData;
}
