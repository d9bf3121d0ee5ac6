import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isParafError, ParafError, type ParafErrorCode, type ParafProblem } from '#errors/paraf-error.ts';

/** The one map from Paraf's error codes to HTTP statuses. */
const STATUS: Record<ParafErrorCode, ContentfulStatusCode> = {
  'bad-request': 400,
  'invalid-json': 400,
  'invalid-multipart': 400,
  'invalid-request': 400,
  'invalid-query': 400,
  'invalid-year': 400,
  'invalid-attachment': 422,
  'invalid-document': 422,
  'unsupported-media-type': 415,
  'too-large': 413,
  'address-too-long': 414,
  'not-found': 404,
  'unknown-sop': 404,
  'unknown-register': 404,
  'unknown-permit': 422,
  'unknown-document': 422,
  'no-permit-here': 422,
  'permit-revoked': 422,
  incomplete: 422,
  'applicant-incomplete': 422,
  'form-sent': 409,
  'unknown-revision': 422,
  'no-counterpart': 409,
  'not-movable': 409,
  invalid: 422,
  expired: 410,
  decided: 409,
  'case-failed': 409,
  handover: 403,
  factor: 403,
  'signing-service': 503,
  'service-unavailable': 503,
  throttled: 429,
  // Paraf's own checks under way hold the account's tries, not the client's sending: try again shortly.
  'checks-busy': 503,
  unauthenticated: 401,
  // The account changed between the page and its form (a reset, or a key saved from another session).
  'account-changed': 409,
  forbidden: 403,
  'cross-site': 403,
  misdirected: 421,
  'sign-in-service': 502,
  'malformed-event': 500,
  // The office's staff directory leaves a role empty: the request is sound, the office's state refuses it.
  'lane-unstaffed': 409,
  'certificate-missing': 503,
  'signing-not-ready': 503,
  'unusable-key': 503,
  'invalid-certificate': 422,
  // The local runtime's refusals, answered on its control port (control-server.ts).
  'folder-in-use': 409,
  'no-accounts': 409,
  'reset-not-confirmed': 409,
  // As the control port answered them when they were named `Paraf.*` (`invalid`).
  'backup-refused': 422,
  'backup-damaged': 422,
  // The TSA's certificate, not the request, is what must change: as a lane left unstaffed.
  'tsa-certificate-ending': 409,
  // The server's own state, not the request: 500, as when they were Errors named `Paraf.*`.
  'key-locked': 500,
  'outdated-table': 500,
  'bad-setting': 500,
  'malformed-record': 500,
  internal: 500,
};

/** Faults of the server's own state: logged, and answered without their words (a table key, a key file's path). */
const FAULTS: ReadonlySet<ParafErrorCode> = new Set([
  'key-locked',
  'outdated-table',
  'bad-setting',
  'malformed-record',
  'internal',
]);
export const isFault = (error: ParafError) => FAULTS.has(error.code);

/** A refusal a page or answer words for the person: a ParafError that is not a fault (those reach app.ts's onError). */
export const isRefusal = (error: unknown): error is ParafError => isParafError(error) && !isFault(error);

/** Where a refusal of input says how it is wrong, that decides (an attachment too many, too large, or of a wrong type). */
const PROBLEM_STATUS: Record<ParafProblem, ContentfulStatusCode> = {
  malformed: 400,
  'too-large': 413,
  unacceptable: 422,
};

export function httpStatus(error: ParafError): ContentfulStatusCode {
  return error.problem ? PROBLEM_STATUS[error.problem] : STATUS[error.code];
}

/** The status of a refusal a page shows in its own words (the form again, with the refusal above it). */
export const statusOf = (code: ParafErrorCode): ContentfulStatusCode => STATUS[code];

/** The JSON answer of a refusal: a code for programs, a message in Bahasa Indonesia for people. */
export const errorBody = (error: ParafError) => ({ error: error.code, message: error.message, ...error.details });

/** Errors a person sees, answered as JSON with the map's status. */
export function fail(c: Context, error: ParafError) {
  return c.json(errorBody(error), httpStatus(error));
}

/** `fail` for a refusal the route itself finds. */
export const refuse = (c: Context, code: ParafErrorCode, message: string) => fail(c, new ParafError(code, message));
