import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/**
 * A service a step depends on that did not answer, timed out, or answered that it is busy or broken:
 * a TSA, an OCSP responder or a CRL's address (HTTP 5xx, 408, 429, no answer), or DynamoDB, S3 or
 * SES throttling or failing after the SDK's own retries. It may well answer later, so the machine
 * handler names it `Paraf.ServiceUnavailable`, which a machine waits out with a long backoff
 * (compile-to-asl.ts) instead of failing the permit within seconds. A refusal or a wrong answer is
 * not an outage: waiting would not mend it.
 */
export interface ServiceOutage {
  readonly outage: boolean;
}

export function isServiceOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as Partial<ServiceOutage>).outage === true) return true;
  // The AWS SDK's own classification of its errors, the one its retry strategy uses: a throttle, a
  // dropped or timed-out connection, the service's own fault.
  const sdkError = error as Parameters<typeof isTransientError>[0];
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

/** The HTTP statuses of a service that may answer later. */
export const isOutageStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;
