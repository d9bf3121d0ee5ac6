import { createHash, randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import type { SignedData } from '@peculiar/asn1-cms';
import { MessageImprint, PKIStatus, PKIStatusInfo, TSTInfo, TimeStampReq, id_ct_tstInfo } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, type Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { isOutageStatus, type ServiceOutage } from '#errors/service-outage.ts';
import { derElements } from './der.ts';
import { signedDataOf } from './signed-data-of.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';

/**
 * A time-stamping authority (RFC 3161): given data, a token in which the TSA signs the data's
 * SHA-256 with the time. PAdES B-T puts one on every signature (its value is the data), B-LTA one
 * over the whole file.
 */
export interface TimestampAuthority {
  /** The TimeStampToken (a CMS ContentInfo, DER as the TSA sent it) over SHA-256 of `data`. */
  timestamp(data: Uint8Array): Promise<Uint8Array>;
}

/** What a TSA did wrong, or why it could not be reached; the signature is not made. */
export class TimestampError extends Error implements ServiceOutage {
  override name = 'TimestampError';
  constructor(
    message: string,
    /** The TSA did not answer or was busy (service-outage.ts): a later try may succeed. */
    readonly outage = false,
  ) {
    super(message);
  }
}

export interface Rfc3161ClientOptions {
  /** HTTP Basic credentials, for a TSA that asks for them. */
  username?: string;
  password?: string;
  /** Milliseconds before the request is abandoned (default 20 s: a signing Lambda has 60). */
  timeoutMs?: number;
}

/**
 * The HTTP transport of RFC 3161 (section 3.4): POST application/timestamp-query, answer
 * application/timestamp-reply. Works against any RFC 3161 server: the local stand-in, BSrE's TSA,
 * a commercial one. The answer is checked before it is used: granted, over our digest, with our
 * nonce; its signature and the TSA's certificate are checked by whoever verifies the PDF.
 */
export class Rfc3161Client implements TimestampAuthority {
  constructor(
    readonly url: string,
    private readonly options: Rfc3161ClientOptions = {},
  ) {
    if (!/^https?:\/\//.test(url)) throw new TimestampError(`TSA address "${url}" is not an http(s) URL`);
  }

  async timestamp(data: Uint8Array): Promise<Uint8Array> {
    const digest = new Uint8Array(createHash('sha256').update(data).digest());
    // A positive 64-bit nonce: the answer must repeat it, so an old reply cannot be replayed.
    const nonce = randomBytes(8);
    nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01;
    const request = new TimeStampReq({
      messageImprint: new MessageImprint({
        hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256 }),
        hashedMessage: new OctetString(digest),
      }),
      nonce: new Uint8Array(nonce).buffer,
      certReq: true,
    });
    const headers: Record<string, string> = { 'content-type': 'application/timestamp-query' };
    if (this.options.username !== undefined)
      headers.authorization = `Basic ${Buffer.from(`${this.options.username}:${this.options.password ?? ''}`).toString('base64')}`;
    let answer: Response;
    try {
      answer = await fetch(this.url, {
        method: 'POST',
        headers,
        body: new Uint8Array(AsnConvert.serialize(request)),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
      });
    } catch (error) {
      throw new TimestampError(`the TSA at ${this.url} could not be reached: ${(error as Error).message}`, true);
    }
    if (!answer.ok)
      throw new TimestampError(`the TSA at ${this.url} answered HTTP ${answer.status}`, isOutageStatus(answer.status));
    const body = new Uint8Array(await answer.arrayBuffer());
    return checkedToken(body, digest, nonce, this.url);
  }
}

/**
 * The token of a TSA's answer, as its bytes, once the answer is known to be for this request. The
 * answer (TimeStampResp ::= SEQUENCE { status, timeStampToken OPTIONAL }) is split as it came, not
 * decoded whole: the token is kept exactly as the TSA encoded it (its signature covers those bytes),
 * and its SignedData is read once, through the cache every later reader of the signature shares.
 */
function checkedToken(body: Uint8Array, digest: Uint8Array, nonce: Uint8Array, url: string): Uint8Array {
  const [statusDer, tokenDer, ...more] = derElements(body) ?? berElements(body) ?? [];
  let status: PKIStatusInfo;
  try {
    if (!statusDer || more.length > 0) throw new Error('not a SEQUENCE of a status and a token');
    status = AsnConvert.parse(statusDer, PKIStatusInfo);
  } catch (error) {
    throw new TimestampError(
      `the TSA at ${url} answered something that is not a TimeStampResp: ${(error as Error).message}`,
    );
  }
  if (status.status !== PKIStatus.granted && status.status !== PKIStatus.grantedWithMods) {
    const text = status.statusString?.join('; ') ?? '';
    throw new TimestampError(
      `the TSA at ${url} refused the request (status ${status.status}${text ? `: ${text}` : ''})`,
    );
  }
  if (!tokenDer) throw new TimestampError(`the TSA at ${url} granted the request but sent no token`);
  const token = new Uint8Array(tokenDer);
  let info: TSTInfo;
  try {
    info = tstInfoOf(signedDataOf(token));
  } catch (error) {
    throw new TimestampError(`the TSA at ${url} sent a malformed answer: ${(error as Error).message}`);
  }
  if (!Buffer.from(info.messageImprint.hashedMessage.buffer).equals(Buffer.from(digest)))
    throw new TimestampError(`the TSA at ${url} time-stamped other data than was sent`);
  if (!info.nonce || !sameInteger(new Uint8Array(info.nonce), nonce))
    throw new TimestampError(`the TSA at ${url} answered without the request's nonce`);
  return token;
}

/** A BER answer's elements (an indefinite length, as some TSAs send): asn1js reads it, the token's bytes as sent. */
function berElements(body: Uint8Array): Uint8Array[] | undefined {
  const parsed = asn1js.fromBER(body);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  return parsed.result.valueBlock.value.map((element) => new Uint8Array(element.valueBeforeDecodeView));
}

/** The TSTInfo a token's SignedData carries (content type id-ct-TSTInfo). */
export function tstInfoOf(signedData: SignedData): TSTInfo {
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== id_ct_tstInfo || !eContent?.single)
    throw new TimestampError('the time-stamp token carries no TSTInfo');
  return AsnConvert.parse(eContent.single.buffer, TSTInfo);
}

/**
 * What a signature's timestamp says, read from its CMS (not checked: verify-pdf checks): the TSA's
 * time and the common name of the TSA's certificate. Undefined for a signature without one (B-B).
 */
export function readSignatureTimestamp(cms: Uint8Array): { at: string; tsa: string } | undefined {
  const token = signatureTimestampToken(cms);
  if (!token) return undefined;
  const { at, tsa } = describeToken(token);
  return { at, tsa: tsa.name };
}

/** The RFC 3161 token (a ContentInfo, DER) in a signature CMS's unsigned attributes, if it has one. */
export function signatureTimestampToken(cms: Uint8Array): Uint8Array | undefined {
  const signedData = signedDataOf(cms);
  const token = signedData.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === TIMESTAMP_TOKEN)?.attrValues[0];
  return token ? new Uint8Array(token) : undefined;
}

/** The TSA certificate's facts a renewal needs: its name, serial (hex) and the end of its validity. */
export interface TsaCertificateFacts {
  name: string;
  serial: string;
  notAfter: string;
}

/**
 * A token's time and its TSA's certificate (the one its signer names), read, not checked: the
 * archive records them so that a renewal knows when the token's certificate runs out.
 */
export function describeToken(token: Uint8Array): { at: string; tsa: TsaCertificateFacts } {
  const tokenData = signedDataOf(token);
  const sid = tokenData.signerInfos[0]?.sid.issuerAndSerialNumber;
  const tsaCertificate = (tokenData.certificates ?? [])
    .flatMap((choice) => (choice.certificate ? [choice.certificate] : []))
    .find((cert) => !sid || Buffer.from(cert.tbsCertificate.serialNumber).equals(Buffer.from(sid.serialNumber)));
  return {
    at: tstInfoOf(tokenData).genTime.toISOString(),
    tsa: {
      name: commonName(tsaCertificate),
      serial: tsaCertificate ? Buffer.from(tsaCertificate.tbsCertificate.serialNumber).toString('hex') : '',
      notAfter: tsaCertificate ? tsaCertificate.tbsCertificate.validity.notAfter.getTime().toISOString() : '',
    },
  };
}

const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
const COMMON_NAME = '2.5.4.3';

/** The common name of a certificate's subject (empty when it has none). */
export function commonName(certificate: Certificate | undefined): string {
  if (!certificate) return '';
  for (const rdn of certificate.tbsCertificate.subject)
    for (const attribute of rdn) if (attribute.type === COMMON_NAME) return attribute.value.toString();
  return '';
}

/** Two INTEGER encodings of one value (a leading zero byte is only the sign). */
function sameInteger(a: Uint8Array, b: Uint8Array): boolean {
  const strip = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i += 1;
    return Buffer.from(bytes.subarray(i));
  };
  return strip(a).equals(strip(b));
}
