/**
 * The office counts its days in WITA (UTC+8, no daylight saving); records keep UTC instants. A
 * period of WITA days (YYYY-MM-DD, inclusive) as the first and last instant in it, in the records'
 * form: a case received at 07.00 WITA on the 3rd (23.00 UTC on the 2nd) belongs to the 3rd.
 */
export function witaDaysAsInstants(from: string, to: string): { since: string; until: string } {
  return {
    since: new Date(`${from}T00:00:00.000+08:00`).toISOString(),
    until: new Date(`${to}T23:59:59.999+08:00`).toISOString(),
  };
}
