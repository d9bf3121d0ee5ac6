import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignerPort } from './signer-port.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

/**
 * A detached CMS SignedData for PAdES (SubFilter ETSI.CAdES.detached): signed attributes are the
 * content type, the digest of the signed byte ranges, and signingCertificateV2, which binds the
 * signature to the official's certificate. The claimed signing time is the signature dictionary's M.
 */
export async function buildCms(signer: SignerPort, officialId: string, content: Uint8Array): Promise<Uint8Array> {
  const [ownDer, ...chainDer] = await signer.certificates(officialId);
  if (!ownDer) throw new Error(`no certificate for official ${officialId}`);
  const own = pkijs.Certificate.fromBER(ownDer);
  const chain = chainDer.map((der) => pkijs.Certificate.fromBER(der));

  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(ownDer) })] });
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(content) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] }),
  ];
  // DER orders a SET OF by its encodings; the signature covers the SET exactly as it is sent.
  const encoded = attributes.map((attribute) => ({ attribute, der: bytesOf(attribute.toSchema().toBER()) }));
  encoded.sort((a, b) => Buffer.compare(Buffer.from(a.der), Buffer.from(b.der)));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: encoded.map((e) => e.attribute) });
  const toBeSigned = bytesOf(new asn1js.Set({ value: encoded.map((e) => e.attribute.toSchema()) }).toBER());

  const { signature, algorithm } = await signer.sign(officialId, toBeSigned);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      algorithm === 'ecdsa-sha256'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: [own, ...chain],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return bytesOf(contentInfo.toSchema().toBER());
}
