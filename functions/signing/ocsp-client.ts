import { createHash, randomBytes } from 'node:crypto';
import { isOutageStatus, type ServiceOutage } from '#errors/service-outage.ts';
import { parseCertificate } from './parse-certificate.ts';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  BasicOCSPResponse,
  CertID,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  Request,
  TBSRequest,
  id_pkix_ocsp_basic,
} from '@peculiar/asn1-ocsp';
import {
  AlgorithmIdentifier,
  AuthorityInfoAccessSyntax,
  Extension,
  id_ad_ocsp,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';

const SHA1 = '1.3.14.3.2.26';
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

/** Why revocation data could not be had; the long-term validation data is not added. */
export class RevocationError extends Error implements ServiceOutage {
  override name = 'RevocationError';
  constructor(
    message: string,
    /** The responder or the CRL's address did not answer or was busy (service-outage.ts): a later try may succeed. */
    readonly outage = false,
  ) {
    super(message);
  }
}

/** Whether a certificate names itself as its issuer (a root): no CA answers for its status. */
export function isSelfIssued(certificate: Uint8Array): boolean {
  const { issuer, subject } = parseCertificate(certificate).tbsCertificate;
  return Buffer.from(AsnConvert.serialize(issuer)).equals(Buffer.from(AsnConvert.serialize(subject)));
}

/**
 * Where a certificate's status is asked, in order: its own AIA OCSP address, then the configured
 * responder. The second matters where the first cannot be reached from here: the local runtime's
 * certificates name `<public URL>/pki/ocsp`, an office address the machine may not reach itself, or
 * a test run's loopback port long closed; the configured stand-in answers from the same CA.
 */
export function ocspAddresses(certificate: Uint8Array, configured: string | undefined): string[] {
  const parsed = parseCertificate(certificate);
  const aia = parsed.tbsCertificate.extensions?.find((extension) => extension.extnID === id_pe_authorityInfoAccess);
  const named = aia
    ? AsnConvert.parse(aia.extnValue, AuthorityInfoAccessSyntax).find((entry) => entry.accessMethod === id_ad_ocsp)
        ?.accessLocation.uniformResourceIdentifier
    : undefined;
  return [...new Set([named, configured].filter((url): url is string => Boolean(url)))];
}

/** The first answer of the addresses tried in order; the last failure when none answers. */
export async function fetchOcspResponseFrom(
  certificate: Uint8Array,
  issuer: Uint8Array,
  addresses: readonly string[],
): Promise<Uint8Array> {
  let failure: unknown = new RevocationError('a certificate names no OCSP responder, and none is configured');
  for (const url of addresses) {
    try {
      return await fetchOcspResponse(certificate, issuer, url);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/**
 * Asks an OCSP responder (RFC 6960, HTTP POST) for one certificate's status and returns the whole
 * OCSPResponse as DER, the form a PDF's /DSS /OCSPs keeps, once it is known to be a successful
 * basic response about this certificate with this request's nonce. Whether it says good is for
 * the verifier to read (a revoked status is evidence too).
 */
export async function fetchOcspResponse(
  certificate: Uint8Array,
  issuer: Uint8Array,
  url: string,
  timeoutMs = 20_000,
): Promise<Uint8Array> {
  const cert = parseCertificate(certificate);
  const ca = parseCertificate(issuer);
  const sha1 = (data: ArrayBuffer | Uint8Array) =>
    new Uint8Array(createHash('sha1').update(new Uint8Array(data)).digest());
  const certId = new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: null }),
    issuerNameHash: new OctetString(sha1(AsnConvert.serialize(ca.tbsCertificate.subject))),
    issuerKeyHash: new OctetString(sha1(ca.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)),
    serialNumber: cert.tbsCertificate.serialNumber,
  });
  const nonce = new Uint8Array(randomBytes(16));
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId })],
      requestExtensions: [
        new Extension({ extnID: OCSP_NONCE, extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))) }),
      ],
    }),
  });
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array(AsnConvert.serialize(request)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RevocationError(`the OCSP responder at ${url} could not be reached: ${(error as Error).message}`, true);
  }
  if (!answer.ok)
    throw new RevocationError(
      `the OCSP responder at ${url} answered HTTP ${answer.status}`,
      isOutageStatus(answer.status),
    );
  const der = new Uint8Array(await answer.arrayBuffer());
  let response: OCSPResponse;
  try {
    response = AsnConvert.parse(der, OCSPResponse);
  } catch (error) {
    throw new RevocationError(`the OCSP responder at ${url} sent no OCSPResponse: ${(error as Error).message}`);
  }
  if (response.responseStatus !== OCSPResponseStatus.successful || !response.responseBytes)
    throw new RevocationError(`the OCSP responder at ${url} refused (status ${response.responseStatus})`);
  if (response.responseBytes.responseType !== id_pkix_ocsp_basic)
    throw new RevocationError(`the OCSP responder at ${url} sent a response type other than basic`);
  const basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
  const serial = Buffer.from(cert.tbsCertificate.serialNumber);
  if (!basic.tbsResponseData.responses.some((single) => Buffer.from(single.certID.serialNumber).equals(serial)))
    throw new RevocationError(`the OCSP responder at ${url} answered about another certificate`);
  const echoed = basic.tbsResponseData.responseExtensions?.find((extension) => extension.extnID === OCSP_NONCE);
  if (echoed && !Buffer.from(echoed.extnValue.buffer).equals(Buffer.from(AsnConvert.serialize(new OctetString(nonce)))))
    throw new RevocationError(`the OCSP responder at ${url} answered another request (nonce)`);
  return der;
}
