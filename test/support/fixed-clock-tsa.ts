import { createHash, createPrivateKey } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import { MessageImprint } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { timeStampToken } from '#local/tsa-stand-in.ts';
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
  const chainDer = tsa.certificatePems.map(pemToDer);
  return {
    async timestamp(data) {
      const imprint = new MessageImprint({
        hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256 }),
        hashedMessage: new OctetString(createHash('sha256').update(data).digest()),
      });
      return timeStampToken(imprint, genTime, key, chainDer, { policy: POLICY, withCertificates: true });
    },
  };
}
