/** What `parseBody({ all: true })` gives: a name sent more than once comes as a list. */
export type PostedForm = Record<string, string | File | (string | File)[]>;

/**
 * Why a posted form is refused before anything is read from it, in Bahasa Indonesia, or undefined: a
 * field the page does not have, or a single field sent twice (the parser would keep only the last),
 * named. `repeats` lists the fields the page itself sends as lists (checkboxes, files).
 */
export function formFieldsProblem(
  form: PostedForm,
  known: (name: string) => boolean,
  repeats: readonly string[] = [],
): string | undefined {
  const unknown = Object.keys(form).filter((name) => !known(name));
  if (unknown.length) return `Isian tidak dikenal: ${named(unknown)}.`;
  const twice = Object.entries(form).flatMap(([name, value]) =>
    Array.isArray(value) && !repeats.includes(name) ? [name] : [],
  );
  return twice.length ? `Isian dikirim lebih dari sekali: ${named(twice)}.` : undefined;
}

/** Field names as a message quotes them: a few, each cut short (a made-up name may be any length). */
export function named(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => (name.length > 60 ? `${name.slice(0, 60)}…` : name));
  return names.length > shown.length
    ? `${shown.join(', ')} dan ${names.length - shown.length} lainnya`
    : shown.join(', ');
}
