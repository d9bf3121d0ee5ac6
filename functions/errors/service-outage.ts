/**
 * A service a signature depends on (a TSA, an OCSP responder, a CRL's address) that did not answer,
 * timed out, or answered that it is busy or broken (HTTP 5xx, 408, 429): it may well answer later.
 * The signing clients mark such a failure; the machine handler names it `Paraf.SigningService`, which
 * a machine waits out with a long backoff (compile-to-asl.ts) instead of failing the permit within
 * seconds. A refusal or a wrong answer is not marked: waiting would not mend it.
 */
export interface ServiceOutage {
  readonly outage: boolean;
}

export const isServiceOutage = (error: unknown): boolean =>
  error instanceof Error && (error as Partial<ServiceOutage>).outage === true;

/** The HTTP statuses of a service that may answer later. */
export const isOutageStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;
