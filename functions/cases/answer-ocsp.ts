import type { Runtime } from '#runtime/runtime.ts';
import { answerOcspFromPkiFolder } from '#signing/ocsp-responder.ts';

/**
 * Answers an OCSP request (RFC 6960) for the office CA at `<public URL>/pki/ocsp`, the address its
 * certificates name in authorityInfoAccess:
 *  1. only where the office's own development CA signs, the data folder's `pki/` (a KMS or BSrE
 *     deployment's CA runs its own responder: undefined);
 *  2. the status of each certificate asked about, from the CA's issued certificates and
 *     `pki/revoked.json`, signed by the CA. Nothing is written: GET and POST answer alike.
 */
export function answerOcsp(rt: Runtime, request: Uint8Array): ArrayBuffer | undefined {
  if (rt.config.signer === 'kms' || !rt.config.dataDir) return undefined;
  return answerOcspFromPkiFolder(request, rt.config.dataDir, rt.config.keyPassphrase).der;
}
