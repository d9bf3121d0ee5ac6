import { named } from './form-fields.ts';

/**
 * Why an address's parameters are refused before anything is read from them, in Bahasa Indonesia, or
 * undefined: a name the page does not read, or a name given twice (Hono's `query()` would keep one of
 * them silently), named. `queries` is what Hono's `c.req.queries()` gives: every name with its values.
 */
export function addressParametersProblem(
  queries: Record<string, readonly string[]>,
  known: readonly string[],
): string | undefined {
  const names = Object.keys(queries);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) return `Alamat memuat parameter yang tidak dikenal: ${named(unknown)}.`;
  const twice = names.filter((name) => (queries[name]?.length ?? 0) > 1);
  return twice.length ? `Parameter alamat disebut lebih dari sekali: ${named(twice)}.` : undefined;
}
