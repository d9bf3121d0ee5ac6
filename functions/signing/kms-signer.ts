import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod/mini';
import { ParafError } from '#errors/paraf-error.ts';
import { indonesianErrors } from '#validation/indonesian-errors.ts';
import { pemToDer } from './pem-to-der.ts';
import type { SignatureAlgorithm, SignerPort } from './signer-port.ts';

/** An official's key in KMS and the certificate the office CA (or BSrE) issued for its public key. */
export interface KmsOfficialKey {
  keyId: string;
  algorithm: 'ECDSA_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_256';
  /** DER: the official's certificate first, then the issuing CA. */
  certificates: Uint8Array[];
}

const KeyFileSchema = z.record(
  z.string(),
  z.strictObject({
    keyId: z.string().check(z.minLength(1)),
    algorithm: z.enum(['ECDSA_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256']),
    certificates: z.array(z.string().check(z.includes('BEGIN CERTIFICATE'))).check(z.minLength(1)),
  }),
);

/** A stored certificate (records/certificates.ts) as the signer uses it. */
export function kmsKeyOf(stored: { keyId: string; algorithm: KmsOfficialKey['algorithm']; certificates: string[] }) {
  return { keyId: stored.keyId, algorithm: stored.algorithm, certificates: stored.certificates.map(pemToDer) };
}

/** Reads the official -> KMS key mapping (JSON: { "<official id>": { keyId, algorithm, certificates: [PEM, ...] } }). */
export function loadKmsKeys(path: string): (officialId: string) => KmsOfficialKey | undefined {
  const parsed = KeyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')), { error: indonesianErrors });
  return (officialId) => {
    const entry = parsed[officialId];
    return entry && kmsKeyOf(entry);
  };
}

/**
 * Signs with AWS KMS: Paraf hashes the CMS signed attributes and KMS signs the digest
 * (MessageType DIGEST), so the document never leaves the function and the key never leaves KMS.
 */
export class KmsSigner implements SignerPort {
  constructor(
    private readonly kms: KMSClient,
    private readonly keys: (officialId: string) => KmsOfficialKey | undefined | Promise<KmsOfficialKey | undefined>,
  ) {}

  /**
   * A key without a certificate is the operator's to mend (`npx paraf aws certify`), not the case's
   * fault: its own error code, which the machines retry with a long backoff instead of failing the case.
   */
  private async key(officialId: string): Promise<KmsOfficialKey> {
    const key = await this.keys(officialId);
    if (!key)
      throw new ParafError(
        'certificate-missing',
        `Kunci tanda tangan ${officialId} belum bersertifikat: operator perlu menjalankan npx paraf aws certify. Berkas menunggu dan dicoba lagi.`,
        { details: { officialId } },
      );
    return key;
  }

  async certificates(officialId: string): Promise<Uint8Array[]> {
    return (await this.key(officialId)).certificates;
  }

  async sign(
    officialId: string,
    message: Uint8Array,
  ): Promise<{ signature: Uint8Array; algorithm: SignatureAlgorithm }> {
    const key = await this.key(officialId);
    const digest = createHash('sha256').update(message).digest();
    const { Signature } = await this.kms.send(
      new SignCommand({ KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: key.algorithm }),
    );
    if (!Signature) throw new Error(`KMS returned no signature for key ${key.keyId}`);
    return { signature: Signature, algorithm: key.algorithm === 'ECDSA_SHA_256' ? 'ecdsa-sha256' : 'rsa-sha256' };
  }
}
