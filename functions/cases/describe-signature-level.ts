import type { Runtime } from '#runtime/runtime.ts';

/** How far this deployment's signatures reach, and what is missing for more. */
export interface SignatureLevel {
  /** B-B: no TSA. B-LTA: a TSA, and OCSP for every certificate (named in it, or `ocspUrl`). */
  reaches: 'B-B' | 'B-LTA';
  tsaUrl?: string;
  /** The configured responder; absent, each certificate's own (signing readiness refuses one that names none). */
  ocspUrl?: string;
}

/**
 * Describes the PAdES level the signatures of this deployment reach, for the health page:
 *  1. no TSA (AWS without paraf:tsaUrl, PARAF_TSA=none): B-B, the server's clock only;
 *  2. a TSA: B-LTA for numbered documents, with the revocation data of the configured responder,
 *     else of the one each certificate names (authorityInfoAccess). A certificate naming none keeps
 *     the loket closed (check-signing-readiness.ts), so that no case fails at its register stamp.
 */
export function describeSignatureLevel(rt: Runtime): SignatureLevel {
  const { tsa, ocspUrl } = rt.config;
  if (tsa.provider === 'none') return { reaches: 'B-B' };
  return { reaches: 'B-LTA', tsaUrl: tsa.url, ...(ocspUrl ? { ocspUrl } : {}) };
}
