import * as z from 'zod/mini';
import { findSop } from '#sop/load-catalog.ts';

/** The id of the SOP an id or alias names, in any case; what was typed when it names none. */
export const sopIdOf = (typed: string): string => findSop(typed)?.id ?? typed;

/**
 * An SOP named in an address (the Arsip's and the Dasbor's `sop`): its id or an alias in any case,
 * as `POST /api/cases` takes it ("api-u", "sop-lp2n-ppk-01"), read as its id; empty is none. A name
 * the catalog does not know is left as typed, for the id check and the route's "tidak dikenal".
 */
export const sopParameter = z.pipe(
  z.transform((value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) return typeof value === 'string' ? undefined : value;
    return sopIdOf(value);
  }),
  z.optional(z.string().check(z.regex(/^SOP-[A-Z0-9-]{3,30}$/, 'kode SOP tidak valid'))),
);
