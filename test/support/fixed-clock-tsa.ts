import { createHash, createPrivateKey, randomBytes, sign as signWithKey } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  CMSVersion,
  CertificateChoices,
  CertificateSet,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  SignedData,
  SignerInfos,
  id_signedData,
} from '@peculiar/asn1-cms';
import { MessageImprint, TSTInfo, TimeStampToken, id_ct_tstInfo } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { signedAttributesOver, signerInfoOf } from '#signing/build-cms.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import type { TimestampAuthority } from '#signing/timestamp-client.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const POLICY = '1.3.6.1.4.1.32473.15.2';

/**
 * A time-stamping authority whose clock reads `genTime`, in process: the tokens the TSA stand-in
 * (infra/local/tsa-stand-in.ts) makes, signed with a TSA key and certificate chain given as PEM
 * (LocalPki.timestampAuthority's), but at a time the test chooses, so that a verifier's boundaries
 * (a certificate's first or last second, a revocation at the signing second) can be hit exactly.
 * `genTime` should be a whole second: a TSTInfo's GeneralizedTime is what the verifier reads.
 */
export function fixedClockTsa(tsa: { keyPem: string; certificatePems: string[] }, genTime: Date): TimestampAuthority {
  const key = createPrivateKey(tsa.keyPem);
  const [ownDer, ...restDer] = tsa.certificatePems.map(pemToDer) as [Uint8Array, ...Uint8Array[]];
  return {
    async timestamp(data) {
      const serial = randomBytes(16);
      serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
      const info = new TSTInfo({
        policy: POLICY,
        messageImprint: new MessageImprint({
          hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256 }),
          hashedMessage: new OctetString(createHash('sha256').update(data).digest()),
        }),
        serialNumber: new Uint8Array(serial).buffer,
        genTime,
      });
      const infoDer = new Uint8Array(AsnConvert.serialize(info));
      const { signedAttrs, toBeSigned } = signedAttributesOver(id_ct_tstInfo, infoDer, ownDer);
      const own = AsnConvert.parse(ownDer, Certificate);
      const signature = new Uint8Array(signWithKey('sha256', toBeSigned, key));
      const signedData = new SignedData({
        version: CMSVersion.v3,
        digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: SHA256 })]),
        encapContentInfo: new EncapsulatedContentInfo({
          eContentType: id_ct_tstInfo,
          eContent: new EncapsulatedContent({ single: new OctetString(infoDer) }),
        }),
        certificates: new CertificateSet(
          [own, ...restDer.map((der) => AsnConvert.parse(der, Certificate))].map(
            (certificate) => new CertificateChoices({ certificate }),
          ),
        ),
        signerInfos: new SignerInfos([signerInfoOf(own, signedAttrs, signature, 'ecdsa-sha256')]),
      });
      const token = new TimeStampToken({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
      return new Uint8Array(AsnConvert.serialize(token));
    },
  };
}
