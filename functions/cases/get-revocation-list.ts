import type { Runtime } from '#runtime/runtime.ts';
import { LocalPki } from '#signing/local-pki.ts';

/**
 * Gets what the office CA publishes at `<public URL>/pki` (the addresses its certificates name):
 *  1. only where the office's own development CA signs, the data folder's `pki/` (a KMS or BSrE
 *     deployment's CA publishes its own: undefined);
 *  2. the CRL signed now from `pki/revoked.json` (`ca.crl`), or the CA certificate (`ca.crt`), DER.
 */
export async function getRevocationList(rt: Runtime, file: 'ca.crl' | 'ca.crt'): Promise<Uint8Array | undefined> {
  if (rt.config.signer === 'kms' || !rt.config.dataDir) return undefined;
  const pki = new LocalPki(rt.config.dataDir, undefined, rt.config.keyPassphrase);
  return file === 'ca.crl' ? pki.currentRevocationList() : pki.caCertificateDer();
}
