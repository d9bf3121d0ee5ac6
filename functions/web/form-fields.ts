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
  if (unknown.length) return `Isian tidak dikenal: ${unknown.join(', ')}.`;
  const twice = Object.entries(form).flatMap(([name, value]) =>
    Array.isArray(value) && !repeats.includes(name) ? [name] : [],
  );
  return twice.length ? `Isian dikirim lebih dari sekali: ${twice.join(', ')}.` : undefined;
}

/**
 * The names sent more than once in a request's form, those the page itself repeats aside: for the
 * routes that read the form the usual way (the last value kept), so that `decision=reject&decision=approve`
 * is refused rather than taken as the last.
 */
export async function repeatedFields(
  c: { req: { parseBody(options: { all: true }): Promise<PostedForm> } },
  repeats: (name: string) => boolean = () => false,
): Promise<string | undefined> {
  const all = await c.req.parseBody({ all: true }).catch(() => ({}) as PostedForm);
  return formFieldsProblem(all, () => true, Object.keys(all).filter(repeats));
}
