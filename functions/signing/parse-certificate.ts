import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';

/** Enough for every certificate a deployment signs with (the officials', the CA's, the TSA's) and a few DSS strangers. */
const KEPT = 64;
const parsed = new Map<string, Certificate>();
const encoded = new WeakMap<Certificate, Uint8Array>();

/**
 * A certificate's structure, parsed once per DER and kept (the least recently used dropped past
 * KEPT): the same few certificates are parsed for every signature, timestamp and OCSP question, and
 * that parsing was a large share of a permit's ASN.1 time. The structure is shared: callers read it
 * and put it in what they encode, and never change it.
 */
export function parseCertificate(der: Uint8Array | ArrayBuffer): Certificate {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const known = parsed.get(key);
  if (known) {
    parsed.delete(key);
    parsed.set(key, known);
    return known;
  }
  const certificate = AsnConvert.parse(bytes, Certificate);
  encoded.set(certificate, new Uint8Array(bytes));
  parsed.set(key, certificate);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value as string);
  return certificate;
}

/** A certificate's DER: the bytes it was parsed from when parseCertificate parsed it, else encoded again. */
export function certificateDer(certificate: Certificate): Uint8Array {
  return encoded.get(certificate) ?? new Uint8Array(AsnConvert.serialize(certificate));
}
