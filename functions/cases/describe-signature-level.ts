import type { Runtime } from '#runtime/runtime.ts';

/** How far this deployment's signatures reach, and what is missing for more. */
export interface SignatureLevel {
  /** B-B: no TSA. B-T: a TSA but no configured revocation source. B-LTA: both. */
  reaches: 'B-B' | 'B-T' | 'B-LTA';
  tsaUrl?: string;
  ocspUrl?: string;
}

/**
 * Describes the PAdES level the signatures of this deployment reach, for the health page:
 *  1. no TSA (AWS without paraf:tsaUrl, PARAF_TSA=none): B-B, the server's clock only;
 *  2. a TSA without a configured OCSP responder: B-T for certain, B-LT only where the certificates
 *     name their own responder (authorityInfoAccess);
 *  3. a TSA and a responder: B-LTA for numbered documents.
 */
export function describeSignatureLevel(rt: Runtime): SignatureLevel {
  const { tsa, ocspUrl } = rt.config;
  if (tsa.provider === 'none') return { reaches: 'B-B' };
  return ocspUrl ? { reaches: 'B-LTA', tsaUrl: tsa.url, ocspUrl } : { reaches: 'B-T', tsaUrl: tsa.url };
}
