import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Attribute,
  CMSVersion,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_data,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { buildCms, signedAttributesOver, signedDataDer, signerInfoDer } from '#signing/build-cms.ts';
import { derElements } from '#signing/der.ts';
import { parseCertificate } from '#signing/parse-certificate.ts';
import { signedDataOf } from '#signing/signed-data-of.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import type { SignatureAlgorithm, SignerPort } from '#signing/signer-port.ts';
import { scratchFolder } from '../support/scratch-folder.ts';
import { makeTestCa, selfSignedRsa } from '../support/test-ca.ts';

/**
 * The CMS Paraf assembles from bytes it holds (build-cms.ts, der.ts) against the same SignedData
 * encoded whole by @peculiar/asn1-cms, as it was made before: byte for byte the same, for an ECDSA
 * and an RSA signer, with and without a timestamp token, detached and with content inside (a TSA's
 * token). And openssl, which made none of it, verifies a signature made this way.
 */
const scratch = scratchFolder('paraf-cms-der-');
const OIDS = { sha256: '2.16.840.1.101.3.4.2.1', ecdsa: '1.2.840.10045.4.3.2', rsa: '1.2.840.113549.1.1.11' };

// The attribute types CMS leaves to other RFCs, as build-cms.ts declared them before it assembled bytes.
class ContentTypeValue {
  constructor(public value = '') {}
}
AsnType({ type: AsnTypeTypes.Choice })(ContentTypeValue);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ContentTypeValue.prototype, 'value');
class EssCertIdV2 {
  certHash = new OctetString();
}
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
}
AsnProp({ type: EssCertIdV2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');
class SignedAttributesSet extends AsnArray<Attribute> {}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(SignedAttributesSet);

/** The signed attributes as asn1-schema objects, sorted by their encodings, and the SET the signature covers. */
function referenceAttributes(
  contentType: string,
  content: Uint8Array,
  ownDer: Uint8Array,
): { signedAttrs: Attribute[]; toBeSigned: Uint8Array } {
  const hash = (data: Uint8Array) => createHash('sha256').update(data).digest();
  const certId = new EssCertIdV2();
  certId.certHash = new OctetString(hash(ownDer));
  const signingCertificate = new SigningCertificateV2();
  signingCertificate.certs = [certId];
  const attribute = (attrType: string, value: object) =>
    new Attribute({ attrType, attrValues: [AsnConvert.serialize(value)] });
  const signedAttrs = [
    attribute('1.2.840.113549.1.9.3', new ContentTypeValue(contentType)),
    attribute('1.2.840.113549.1.9.4', new OctetString(hash(content))),
    attribute('1.2.840.113549.1.9.16.2.47', signingCertificate),
  ]
    .map((value) => ({ value, der: Buffer.from(AsnConvert.serialize(value)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.value);
  return { signedAttrs, toBeSigned: new Uint8Array(AsnConvert.serialize(new SignedAttributesSet(signedAttrs))) };
}

/** What the CMS was before it was assembled from bytes: every part an asn1-schema object. */
function referenceCms(
  signerDer: Uint8Array,
  certificatesDer: Uint8Array[],
  toBeSignedOf: { signedAttrs: Attribute[] },
  signature: Uint8Array,
  algorithm: SignatureAlgorithm,
  options: { token?: Uint8Array; eContent?: Uint8Array; eContentType?: string; version?: CMSVersion } = {},
): Uint8Array {
  const own = parseCertificate(signerDer);
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: own.tbsCertificate.issuer,
        serialNumber: own.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: OIDS.sha256 }),
    signedAttrs: toBeSignedOf.signedAttrs,
    signatureAlgorithm:
      algorithm === 'ecdsa-sha256'
        ? new AlgorithmIdentifier({ algorithm: OIDS.ecdsa })
        : new AlgorithmIdentifier({ algorithm: OIDS.rsa, parameters: null }),
    signature: new OctetString(signature),
    ...(options.token
      ? {
          unsignedAttrs: [
            new Attribute({ attrType: '1.2.840.113549.1.9.16.2.14', attrValues: [options.token.slice().buffer] }),
          ],
        }
      : {}),
  });
  const signedData = new SignedData({
    version: options.version ?? CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: OIDS.sha256 })]),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: options.eContentType ?? id_data,
      ...(options.eContent ? { eContent: new EncapsulatedContent({ single: new OctetString(options.eContent) }) } : {}),
    }),
    ...(certificatesDer.length
      ? {
          certificates: new CertificateSet(
            certificatesDer.map((der) => new CertificateChoices({ certificate: parseCertificate(der) })),
          ),
        }
      : {}),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return new Uint8Array(
    AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })),
  );
}

/** A signer whose signature is fixed bytes, so that two encodings of one signature can be compared. */
function fixedSigner(certificates: Uint8Array[], algorithm: SignatureAlgorithm): SignerPort {
  return {
    certificates: async () => certificates,
    sign: async () => ({ signature: Uint8Array.from({ length: 71 }, (_, i) => (i * 7 + 3) % 256), algorithm }),
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('the CMS assembled from bytes (issue 21: a signature without re-encoding its certificates)', () => {
  const ca = makeTestCa(join(scratch.dir, 'ca'), 'Paraf Uji CMS');
  const ecdsaChain = [pemToDer(readFileSync(ca.cert, 'utf8'))];
  const rsa = { key: join(scratch.dir, 'rsa.key.pem'), cert: join(scratch.dir, 'rsa.cert.pem') };
  selfSignedRsa(rsa, '/CN=Paraf Uji RSA/C=ID', 30);
  const rsaChain = [pemToDer(readFileSync(rsa.cert, 'utf8')), ecdsaChain[0]!];
  const content = new TextEncoder().encode('rentang byte sebuah PDF');
  const token = referenceCms(
    ecdsaChain[0]!,
    ecdsaChain,
    referenceAttributes(id_data, content, ecdsaChain[0]!),
    new Uint8Array(64),
    'ecdsa-sha256',
  );

  for (const [label, chain, algorithm] of [
    ['ECDSA', ecdsaChain, 'ecdsa-sha256'],
    ['RSA with its CA', rsaChain, 'rsa-sha256'],
  ] as const)
    it(`encodes a ${label} signature as asn1-cms did, with and without a timestamp token`, async () => {
      const signer = fixedSigner(chain, algorithm);
      const { signature } = await signer.sign('x', new Uint8Array());
      const attributes = referenceAttributes(id_data, content, chain[0]!);
      expect(same(signedAttributesOver(id_data, content, chain[0]!).toBeSigned, attributes.toBeSigned)).toBe(true);
      const bare = await buildCms(signer, 'x', content);
      expect(same(bare, referenceCms(chain[0]!, chain, attributes, signature, algorithm))).toBe(true);
      const stamped = await buildCms(signer, 'x', content, async () => token);
      expect(same(stamped, referenceCms(chain[0]!, chain, attributes, signature, algorithm, { token }))).toBe(true);
      expect(stamped.length).toBeGreaterThan(bare.length + token.length);
    });

  it("encodes a TSA's token (TSTInfo inside, version 3, with and without certificates) as asn1-cms did", () => {
    const tstInfo = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    const tstType = '1.2.840.113549.1.9.16.1.4';
    const attributes = referenceAttributes(tstType, tstInfo, ecdsaChain[0]!);
    expect(same(signedAttributesOver(tstType, tstInfo, ecdsaChain[0]!).toBeSigned, attributes.toBeSigned)).toBe(true);
    const signature = new Uint8Array(70).fill(9);
    const own = parseCertificate(ecdsaChain[0]!);
    for (const certificates of [ecdsaChain, []]) {
      const assembled = signedDataDer({
        version: CMSVersion.v3,
        eContentType: tstType,
        eContent: tstInfo,
        certificates,
        signerInfo: signerInfoDer(own, attributes.toBeSigned, signature, 'ecdsa-sha256'),
      });
      const reference = referenceCms(ecdsaChain[0]!, certificates, attributes, signature, 'ecdsa-sha256', {
        eContent: tstInfo,
        eContentType: tstType,
        version: CMSVersion.v3,
      });
      expect(same(assembled, reference)).toBe(true);
    }
  });

  it('makes a signature openssl verifies over the content, under the CA', async () => {
    const key = createPrivateKey(readFileSync(ca.key, 'utf8'));
    const signer: SignerPort = {
      certificates: async () => ecdsaChain,
      sign: async (_id, message) => ({
        signature: new Uint8Array(sign('sha256', message, key)),
        algorithm: 'ecdsa-sha256',
      }),
    };
    const cms = await buildCms(signer, 'x', content, async () => token);
    writeFileSync(join(scratch.dir, 'sig.der'), cms);
    writeFileSync(join(scratch.dir, 'content.bin'), content);
    const verify = (data: string) =>
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          join(scratch.dir, 'sig.der'),
          '-content',
          data,
          '-CAfile',
          ca.cert,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { stdio: 'pipe' },
      );
    expect(() => verify(join(scratch.dir, 'content.bin'))).not.toThrow();
    writeFileSync(join(scratch.dir, 'other.bin'), 'rentang byte lain');
    expect(() => verify(join(scratch.dir, 'other.bin'))).toThrow(/digest failure|verification failure/i);
  });

  it('reads a CMS with its certificates from the parsed-certificate cache, the same SignedData as decoded whole', async () => {
    const signer = fixedSigner(rsaChain, 'rsa-sha256');
    const cms = await buildCms(signer, 'x', new TextEncoder().encode('dibaca ulang'), async () => token);
    const read = signedDataOf(cms);
    const whole = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
    expect(same(new Uint8Array(AsnConvert.serialize(read)), new Uint8Array(AsnConvert.serialize(whole)))).toBe(true);
    expect(read.certificates?.map((choice) => choice.certificate)).toEqual(
      rsaChain.map((der) => parseCertificate(der)),
    );
    expect(read.certificates?.[0]?.certificate).toBe(parseCertificate(rsaChain[0]!));
    // Padded as a PDF's /Contents holds it: decoded whole, the same structure.
    const padded = Uint8Array.of(...(await buildCms(signer, 'x', new TextEncoder().encode('berlapis'))), 0, 0);
    expect(signedDataOf(padded).certificates).toHaveLength(2);
    expect(signedDataOf(padded).certificates?.[0]?.certificate).not.toBe(parseCertificate(rsaChain[0]!));
  });

  it('splits a constructed value into its elements, and refuses lengths that do not add up', () => {
    const elements = derElements(token)!;
    expect(elements).toHaveLength(2);
    expect(Buffer.from(elements[0]!).toString('hex')).toBe('06092a864886f70d010702');
    expect(derElements(token.subarray(0, token.length - 1))).toBeUndefined();
    expect(derElements(Uint8Array.of(...token, 0))).toBeUndefined();
    expect(derElements(Uint8Array.of(0x30, 0x03, 0x02, 0x05, 0x01))).toBeUndefined();
  });
});
