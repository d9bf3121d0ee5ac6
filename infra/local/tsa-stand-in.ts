import { createPrivateKey, randomBytes, sign as signWithKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { startLoopbackService } from './loopback-service.ts';
import { CMSVersion } from '@peculiar/asn1-cms';
import {
  Accuracy,
  type MessageImprint,
  PKIFreeText,
  PKIStatus,
  PKIStatusInfo,
  TSTInfo,
  TimeStampReq,
  TimeStampResp,
  id_ct_tstInfo,
} from '@peculiar/asn1-tsp';
import { signedAttributesOver, signedDataDer, signerInfoDer } from '#signing/build-cms.ts';
import { der, TAG } from '#signing/der.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { parseCertificate } from '#signing/parse-certificate.ts';
import { pemToDer } from '#signing/pem-to-der.ts';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  contentType: '1.2.840.113549.1.9.3',
} as const;
const DIGEST_LENGTH: Record<string, number> = { [OID.sha256]: 32, [OID.sha384]: 48, [OID.sha512]: 64 };
/** The stand-in's policy: an OID under the example arc, so it is never mistaken for a real TSA's. */
export const STAND_IN_POLICY = '1.3.6.1.4.1.32473.15.1';

export interface TsaStandIn {
  /** http://127.0.0.1:<port>/tsa */
  url: string;
  /** Tokens granted, for tests that count what a flow asked for. */
  granted(): number;
  close(): Promise<void>;
}

/**
 * The local runtime's time-stamping authority (RFC 3161 over HTTP), on loopback, with its own
 * certificate under the development CA (LocalPki.timestampAuthority, in the data folder). It speaks
 * the same protocol as a real TSA, so the signer's client (timestamp-client.ts) is the one used
 * against BSrE's or any other; `openssl ts -verify` accepts its tokens. Its clock is the machine's.
 */
export async function startTsaStandIn(dataDir: string, port = 0, passphrase?: string): Promise<TsaStandIn> {
  const { keyPem, certificatePems } = await new LocalPki(dataDir, undefined, passphrase).timestampAuthority();
  const key = createPrivateKey(keyPem);
  const chainDer = certificatePems.map(pemToDer);
  let count = 0;
  const service = await startLoopbackService(port, {
    'POST /tsa': (body) => {
      const reply = body ? answer(body, key, chainDer) : rejection('request too large');
      if (reply.granted) count += 1;
      return { contentType: 'application/timestamp-reply', body: reply.der };
    },
  });
  return { url: `${service.origin}/tsa`, granted: () => count, close: service.close };
}

/** A refusal with its reason in statusString (failInfo left out: asn1-tsp's flag values are not RFC 3161's bit positions). */
function rejection(text: string): { der: Uint8Array; granted: false } {
  const status = new PKIStatusInfo({ status: PKIStatus.rejection, statusString: new PKIFreeText([text]) });
  return { der: new Uint8Array(AsnConvert.serialize(new TimeStampResp({ status }))), granted: false };
}

function answer(body: Uint8Array, key: KeyObject, chainDer: Uint8Array[]): { der: Uint8Array; granted: boolean } {
  let request: TimeStampReq;
  try {
    request = AsnConvert.parse(body, TimeStampReq);
  } catch {
    return rejection('not a TimeStampReq');
  }
  const { hashAlgorithm, hashedMessage } = request.messageImprint;
  if (DIGEST_LENGTH[hashAlgorithm.algorithm] !== hashedMessage.byteLength)
    return rejection('SHA-256, SHA-384 or SHA-512 only');
  if (request.reqPolicy && request.reqPolicy !== STAND_IN_POLICY) return rejection(`policy ${STAND_IN_POLICY} only`);

  const token = timeStampToken(request.messageImprint, new Date(), key, chainDer, {
    policy: STAND_IN_POLICY,
    accuracySeconds: 1,
    withCertificates: request.certReq,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const status = new Uint8Array(AsnConvert.serialize(new PKIStatusInfo({ status: PKIStatus.granted })));
  return { der: der(TAG.sequence, status, token), granted: true };
}

/**
 * A TSA's token (RFC 3161, a ContentInfo's DER) over `messageImprint` at `genTime`: a TSTInfo with a fresh serial, signed
 * (ECDSA P-256) with `key` under `chainDer` (the TSA's own certificate first), the chain included
 * when asked. The stand-in's clock is the machine's; tests give a time of their own.
 */
export function timeStampToken(
  messageImprint: MessageImprint,
  genTime: Date,
  key: KeyObject,
  chainDer: Uint8Array[],
  options: { policy: string; accuracySeconds?: number; withCertificates?: boolean; nonce?: ArrayBuffer },
): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const info = new TSTInfo({
    policy: options.policy,
    messageImprint,
    serialNumber: new Uint8Array(serial).buffer,
    genTime,
    ...(options.accuracySeconds ? { accuracy: new Accuracy({ seconds: options.accuracySeconds }) } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  const infoDer = new Uint8Array(AsnConvert.serialize(info));
  const [ownDer, ...restDer] = chainDer as [Uint8Array, ...Uint8Array[]];
  const { toBeSigned } = signedAttributesOver(id_ct_tstInfo, infoDer, ownDer);
  const signature = new Uint8Array(signWithKey('sha256', toBeSigned, key));
  return signedDataDer({
    version: CMSVersion.v3,
    eContentType: id_ct_tstInfo,
    eContent: infoDer,
    certificates: options.withCertificates ? [ownDer, ...restDer] : [],
    signerInfo: signerInfoDer(parseCertificate(ownDer), toBeSigned, signature, 'ecdsa-sha256'),
  });
}
