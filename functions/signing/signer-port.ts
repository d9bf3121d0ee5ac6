/**
 * Who signs, and how. Handlers never hold a key: they ask the signer port. Providers:
 * - local (development CA and one key per official in the data folder),
 * - AWS KMS (an asymmetric key per official; KMS signs the digest),
 * - later the national e-signature service (BSrE), which also signs a digest for a certificate it issued.
 */
export type SignatureAlgorithm = 'ecdsa-sha256' | 'rsa-sha256';

export interface SignerPort {
  /** DER certificates: the official's own first, then the issuing CA. */
  certificates(officialId: string): Promise<Uint8Array[]>;
  /** Signs `message` (the DER of the CMS signed attributes) with the official's key; the provider hashes it. */
  sign(officialId: string, message: Uint8Array): Promise<{ signature: Uint8Array; algorithm: SignatureAlgorithm }>;
}
