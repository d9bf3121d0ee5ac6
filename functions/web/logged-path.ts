/**
 * A request's path as it may be logged: the id of an approval link, in its own address and in Tata
 * Usaha's numbering and handover addresses, is what lets its holder act, so it is cut; the query
 * (receipt codes) and the body are never logged.
 */
export const loggedPath = (path: string) => path.replace(/^(\/a|\/tata-usaha\/(?:nomor|serah-terima))\/[^/]+/, '$1/…');

/**
 * The case a request's address names, for its log lines: a case's API, a document's (`<case>.<kind>`:
 * the archive, the copies, the public verification page, whose id the QR prints), an attachment or
 * a Tata Usaha download. Approval links name theirs once found (cases/find-link.ts).
 */
export function caseIdInPath(path: string): string | undefined {
  const named =
    /^\/api\/cases\/([A-Za-z0-9_-]{8,64})(?:\/|$)/.exec(path) ??
    /^\/(?:api\/permits|arsip|verifikasi)\/([A-Za-z0-9_-]{8,64})\.[a-z0-9-]+(?:\/|$)/.exec(path) ??
    /^\/(?:lampiran|tata-usaha\/unduh)\/([A-Za-z0-9_-]{8,64})\//.exec(path);
  return named?.[1];
}
