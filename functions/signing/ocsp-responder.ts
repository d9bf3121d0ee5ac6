import { createHash, sign as signWithKey, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  BasicOCSPResponse,
  CertStatus,
  KeyHash,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  id_pkix_ocsp_basic,
} from '@peculiar/asn1-ocsp';
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509';
import { readPrivateKey } from './key-files.ts';
import { parseCertificate } from './parse-certificate.ts';
import { revokedSerials } from './revoked-serials.ts';
import { localPkiDir } from './local-signer.ts';
import { pemToDer } from './pem-to-der.ts';

const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256' };
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

/**
 * The development CA's OCSP responder (RFC 6960), without its transport: the app's `/pki/ocsp`
 * (web/pki-routes.ts, POST and GET) and the loopback stand-in (infra/local/ocsp-stand-in.ts) both
 * answer through it. Hand-written on @peculiar/asn1-ocsp's structures: no maintained npm package
 * answers OCSP requests (the packages there are clients), see ARCHITECTURE.md.
 *
 * It answers for every certificate the CA issued in the data folder's `pki/` (`good`, or `revoked`
 * with its time when its serial is listed in `pki/revoked.json` as `{"<serial hex>": "<ISO time>"}`),
 * `unknown` for any other, and signs as the CA itself (RFC 6960 2.2: the issuing CA may sign its own
 * responses). It reads only: answering changes nothing.
 */
export function answerOcspFromPkiFolder(
  body: Uint8Array,
  dataDir: string,
  passphrase?: string,
): { der: ArrayBuffer; answered: number } {
  const dir = localPkiDir(dataDir);
  const caDer = pemToDer(readFileSync(join(dir, 'ca.cert.pem'), 'utf8'));
  return answer(body, dir, caDer, readPrivateKey(join(dir, 'ca.key.pem'), passphrase));
}

const status = (responseStatus: OCSPResponseStatus) => AsnConvert.serialize(new OCSPResponse({ responseStatus }));
const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Buffer.from(new Uint8Array(bytes))
    .toString('hex')
    .replace(/^(00)+/, '');

/** Each certificate file's serial, by its path, inode, size and modification time: a file replaced is read again. */
const serialsRead = new Map<string, { version: string; serial: string }>();

/**
 * Serial (hex, no leading zeros) of every certificate the CA issued in the folder. Every signature
 * asks for several certificates' status, so each file is parsed once, not at every request.
 */
function issuedSerials(dir: string): Set<string> {
  return new Set(
    readdirSync(dir)
      .filter((name) => name.endsWith('.cert.pem') && name !== 'ca.cert.pem')
      .map((name) => {
        const path = join(dir, name);
        const { ino, size, mtimeMs } = statSync(path);
        const version = `${ino}:${size}:${mtimeMs}`;
        const known = serialsRead.get(path);
        if (known?.version === version) return known.serial;
        const certificate = AsnConvert.parse(pemToDer(readFileSync(path, 'utf8')), Certificate);
        const serial = hex(certificate.tbsCertificate.serialNumber);
        serialsRead.set(path, { version, serial });
        return serial;
      }),
  );
}

/** An OCSPResponse (DER) to a DER OCSPRequest; a request that cannot be parsed gets malformedRequest. */
function answer(
  body: Uint8Array,
  dir: string,
  caDer: Uint8Array,
  key: KeyObject,
): { der: ArrayBuffer; answered: number } {
  let request: OCSPRequest;
  try {
    request = AsnConvert.parse(body, OCSPRequest);
  } catch {
    return { der: status(OCSPResponseStatus.malformedRequest), answered: 0 };
  }
  const ca = parseCertificate(caDer);
  const caName = new Uint8Array(AsnConvert.serialize(ca.tbsCertificate.subject));
  const caKey = new Uint8Array(ca.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
  const issued = issuedSerials(dir);
  const revoked = revokedSerials(dir);
  // Whole seconds: DER GeneralizedTime carries no fraction (RFC 5280 4.1.2.5.2), and NSS (pdfsig) refuses one.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const responses = request.tbsRequest.requestList.map(({ reqCert }) => {
    const hash = HASHES[reqCert.hashAlgorithm.algorithm];
    const digest = (data: Uint8Array) => (hash ? createHash(hash).update(data).digest('hex') : '');
    const ours =
      hash !== undefined &&
      Buffer.from(reqCert.issuerNameHash.buffer).toString('hex') === digest(caName) &&
      Buffer.from(reqCert.issuerKeyHash.buffer).toString('hex') === digest(caKey);
    const serial = hex(reqCert.serialNumber);
    const revokedAt = revoked[serial];
    const certStatus =
      !ours || !issued.has(serial)
        ? new CertStatus({ unknown: null })
        : revokedAt
          ? new CertStatus({
              revoked: new RevokedInfo({ revocationTime: new Date(Math.floor(Date.parse(revokedAt) / 1000) * 1000) }),
            })
          : new CertStatus({ good: null });
    return new SingleResponse({
      certID: reqCert,
      certStatus,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 24 * 3600_000),
    });
  });
  const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === OCSP_NONCE);
  const data = new ResponseData({
    responderID: new ResponderID({ byKey: new KeyHash(createHash('sha1').update(caKey).digest()) }),
    producedAt: now,
    responses,
    ...(nonce ? { responseExtensions: [new Extension({ extnID: OCSP_NONCE, extnValue: nonce.extnValue })] } : {}),
  });
  const signature = signWithKey('sha256', new Uint8Array(AsnConvert.serialize(data)), key);
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signature: new Uint8Array(signature).buffer,
    certs: [ca],
  });
  const der = AsnConvert.serialize(
    new OCSPResponse({
      responseStatus: OCSPResponseStatus.successful,
      responseBytes: new ResponseBytes({
        responseType: id_pkix_ocsp_basic,
        response: new OctetString(AsnConvert.serialize(basic)),
      }),
    }),
  );
  return { der, answered: responses.length };
}
