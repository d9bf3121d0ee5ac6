/**
 * Every refusal or failure Paraf names for a person or a program. The code is for programs (the
 * HTTP answer's `error`, the Step Functions error name); the message is Bahasa Indonesia, shown
 * as it is. Domain code throws it; the adapters map it, each in one place: web/errors.ts to HTTP
 * statuses, handlers/machine-handler.ts to Step Functions error names.
 */
export type ParafErrorCode =
  // Input a person or program sent.
  | 'bad-request'
  | 'invalid-json'
  | 'invalid-multipart'
  | 'invalid-request'
  | 'invalid-query'
  | 'invalid-year'
  | 'invalid-attachment'
  | 'invalid-document'
  | 'unsupported-media-type'
  | 'too-large'
  /** A request whose address (path and query) is longer than Paraf reads: a GET's OCSP request, say. */
  | 'address-too-long'
  // What it asked for does not exist, or cannot be done to it.
  | 'not-found'
  | 'unknown-sop'
  | 'unknown-register'
  | 'unknown-permit'
  | 'unknown-document'
  | 'no-permit-here'
  | 'permit-revoked'
  | 'incomplete'
  /** The applicant lacks a field a document the SOP drafts takes from them (applicant-in-drafts.ts). */
  | 'applicant-incomplete'
  /** The loket's form was sent before (Back, a second click): its intake made the case, or is making it; nothing new. */
  | 'form-sent'
  // Moving a case to another SOP revision (migrate-case.ts): a revision the catalog does not keep, no counterpart of the step, not now.
  | 'unknown-revision'
  | 'no-counterpart'
  | 'not-movable'
  // A decision on an approval link (decide.ts).
  | 'invalid'
  | 'expired'
  | 'decided'
  /** The link's case failed (`gagal`, record-failure.ts): no execution is left to take a decision, nothing changes. */
  | 'case-failed'
  /** The handover is recorded on Tata Usaha's page with the receipt code, not through its link. */
  | 'handover'
  /** The signer's authenticator code is missing or wrong: nothing signed. */
  | 'factor'
  /** Too many wrong codes or failed sign-ins: tries wait for the window's end. */
  | 'throttled'
  /**
   * Every try of the account's window was held by checks under way for the whole wait (throttle.ts
   * takeTry), though wrong tries have not used it up: nothing checked; try again in a moment.
   */
  | 'checks-busy'
  /** BSrE could not be reached or refused the request: nothing signed, the step stays open. */
  | 'signing-service'
  // Who may ask.
  | 'unauthenticated'
  | 'forbidden'
  /** The official's account changed between a page and its form (a reset, a key saved from another session): nothing changed. */
  | 'account-changed'
  /** A state-changing request another site or origin sent (security-origin.ts): nothing changes. */
  | 'cross-site'
  /** A request whose Host header names neither Paraf's public address nor (locally) loopback (security-host.ts): DNS rebinding reaches nothing. */
  | 'misdirected'
  /** The user pool's sign-in (Cognito) did not answer the code exchange: not signed in, try again. */
  | 'sign-in-service'
  // The machines.
  /**
   * The name a machine sees for a service that did not answer or was busy (a TSA, an OCSP responder,
   * DynamoDB throttling: errors/service-outage.ts), which it waits out for hours.
   */
  | 'service-unavailable'
  | 'malformed-event'
  | 'lane-unstaffed'
  /** On AWS: a signer's KMS key has no certificate stored yet; the machine retries with a long backoff until the operator certifies it. */
  | 'certificate-missing'
  /** On AWS: a signing lane has no certified official (or the office seal none): the loket takes no new case. */
  | 'signing-not-ready'
  /**
   * On AWS (`paraf aws certify`): a signer's KMS key gives no public key, or cannot sign with the
   * algorithm Paraf uses for its spec; the signing stack's key is not as Paraf made it.
   */
  | 'unusable-key'
  /**
   * A certificate chain given for a signer's key (`paraf aws certify`) that is not stored: not for
   * this key, expired, unreadable, or not each signed by the next; or a CA's file without a certificate.
   */
  | 'invalid-certificate'
  // The local runtime and the CLI on its data folder.
  /** Another Paraf process holds the data folder (or holds it without a control port the CLI can ask): stop it first. */
  | 'folder-in-use'
  /** `PARAF_HOST` opens Paraf to the network on a data folder without an official's account: make one first. */
  | 'no-accounts'
  /** `paraf staf buat --semua` on a folder that has accounts, without `--ulang`: nothing reset. */
  | 'reset-not-confirmed'
  /** A backup or restore that cannot be done as asked (the file exists, the folder is not empty), or not now: nothing written. */
  | 'backup-refused'
  /** A backup file that fails its manifest's check (missing, cut off, altered, not Paraf's): nothing restored. */
  | 'backup-damaged'
  /** A key file of the data folder's pki/ that the passphrase given (or none) does not open, or a passphrase too short: nothing signed. */
  | 'key-locked'
  /**
   * `paraf archive renew` (and the renewal function): the TSA's certificate is expired or ends on or
   * before the day asked, so a new timestamp would gain nothing; nothing written, the certificate must be replaced.
   */
  | 'tsa-certificate-ending'
  /** The data folder's table lacks indexes this Paraf needs (an older version made it): `npm start` upgrades it. */
  | 'outdated-table'
  /** A setting Paraf cannot run with (an environment variable, or an office file under config/): missing, or not a value it accepts; said naming the variable or the file and field. */
  | 'bad-setting'
  // Anything else: a fault of Paraf's, never a person's.
  /** A record read from the table that is not what its key says (check-record.ts): named with its key and fields. */
  | 'malformed-record'
  | 'internal';

/**
 * How a refusal of input is wrong where its code alone does not say: sent malformed, too large
 * for a limit, or well-formed but unacceptable. Only web/errors.ts reads it.
 */
export type ParafProblem = 'malformed' | 'too-large' | 'unacceptable';

export interface ParafErrorOptions {
  /** Fields the HTTP answer carries beside `error` and `message` (the missing checklist items, say). */
  details?: Record<string, unknown>;
  problem?: ParafProblem;
  cause?: unknown;
}

export class ParafError extends Error {
  readonly details: Record<string, unknown>;
  readonly problem: ParafProblem | undefined;

  constructor(
    readonly code: ParafErrorCode,
    message: string,
    options: ParafErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ParafError';
    this.details = options.details ?? {};
    this.problem = options.problem;
  }
}

export const isParafError = (error: unknown): error is ParafError => error instanceof ParafError;
