import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { withoutPadding } from './der-length.ts';
import { lastSignatureHole } from './last-signature-hole.ts';
import { type TimestampAuthority, TimestampError } from './timestamp-client.ts';

const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

const bufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * PAdES B-T for a signature a service made over the whole file (BSrE's API v2 answers a finished
 * PDF): its signature value is time-stamped by the TSA and the token goes into the CMS as the
 * unsigned attribute id-aa-timeStampToken, as `buildCms` does for Paraf's own signatures. The CMS is
 * written back into the same /Contents hole, padded with zeros: the hole is outside the signed byte
 * ranges and the attribute is unsigned, so the signature stays valid and the file keeps its length
 * (ETSI EN 319 142-1 allows a signature timestamp added after signing).
 *
 * Steps:
 * 1. Find the signature that reaches the end of the file and parse its CMS.
 * 2. A CMS that carries a token already (the service time-stamped it) is left as it is.
 * 3. Time-stamp its signature value; add the token as the unsigned attribute.
 * 4. The CMS must re-encode byte for byte, and the new one fit the hole; else nothing is returned (TimestampError), as with an unreachable TSA.
 */
export async function timestampLastSignature(pdf: Uint8Array, tsa: TimestampAuthority): Promise<Uint8Array> {
  const hole = lastSignatureHole(pdf);
  if (hole === 'none') throw new TimestampError('the signed file has no signature that reaches its end');
  if (hole === 'not-hex') throw new TimestampError("the last signature's /Contents is not one hex string");
  const hex = Buffer.from(pdf.subarray(hole.from, hole.to)).toString('latin1');
  const cms = withoutPadding(new Uint8Array(Buffer.from(hex, 'hex')));
  const info = AsnConvert.parse(cms, ContentInfo);
  const signedData = AsnConvert.parse(info.content, SignedData);
  // The CMS is written again from its parsed form: only where that reproduces it byte for byte is
  // nothing but the new attribute changed (a BER-encoded certificate would be re-encoded otherwise).
  if (!Buffer.from(AsnConvert.serialize(signedData)).equals(Buffer.from(info.content)))
    throw new TimestampError('the signature CMS is not DER-encoded as parsed; its timestamp cannot be added in place');
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new TimestampError('the last signature carries no signer');
  if (signerInfo.unsignedAttrs?.some((attribute) => attribute.attrType === TIMESTAMP_TOKEN)) return pdf;
  const token = await tsa.timestamp(new Uint8Array(signerInfo.signature.buffer));
  signerInfo.unsignedAttrs = [
    ...(signerInfo.unsignedAttrs ?? []),
    new Attribute({ attrType: TIMESTAMP_TOKEN, attrValues: [bufferOf(token)] }),
  ];
  info.content = AsnConvert.serialize(signedData);
  const written = Buffer.from(AsnConvert.serialize(info)).toString('hex');
  if (written.length > hex.length)
    throw new TimestampError(
      `the signature timestamp does not fit the signature's room (${written.length / 2} of ${hex.length / 2} bytes)`,
    );
  const stamped = Buffer.from(pdf);
  stamped.write(written.padEnd(hex.length, '0'), hole.from, 'latin1');
  return new Uint8Array(stamped);
}
