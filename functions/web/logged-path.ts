/**
 * A request's path as it may be logged: the id of an approval link, in its own address and in Tata
 * Usaha's numbering and handover addresses, is what lets its holder act, so it is cut; the query
 * (receipt codes) and the body are never logged.
 */
export const loggedPath = (path: string) => path.replace(/^(\/a|\/tata-usaha\/(?:nomor|serah-terima))\/[^/]+/, '$1/…');
