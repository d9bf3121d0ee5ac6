import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { join } from 'node:path';
import { resourcePath } from '#config/resource-path.ts';
import { dayName, formatNip, formatTanggal } from './format-dates.ts';

export { formatNip, formatTanggal } from './format-dates.ts';

/**
 * One Handlebars environment for all documents: strict (a missing field throws instead of printing
 * nothing), only the helpers below, no prototype access, and data escaped as HTML, which is also
 * escaping for the XML markup the templates produce.
 */

const TEMPLATES_DIR = resourcePath('templates');
const PARTIALS_DIR = resourcePath('templates', 'partials');

const HELPERS = {
  tanggal: (value: unknown) => formatTanggal(value),
  hari: (value: unknown) => dayName(value),
  nip: (value: unknown) => formatNip(value),
  upper: (value: unknown) => String(value).toLocaleUpperCase('id-ID'),
  // A catalog sentence ("Berlaku selama ...") continued inside a template's own ("Rekomendasi ini berlaku ...").
  lanjutan: (value: unknown) => String(value).charAt(0).toLocaleLowerCase('id-ID') + String(value).slice(1),
  urut: (index: unknown) => Number(index) + 1,
  huruf: (index: unknown) => 'abcdefghijklmnopqrstuvwxyz'[Number(index)] ?? String(Number(index) + 1),
  eq: (a: unknown, b: unknown) => a === b,
  or: (a: unknown, b: unknown) => Boolean(a) || Boolean(b),
} as const;

const environment = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS))
  environment.registerHelper(name, helper as Handlebars.HelperDelegate);
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
} as const;

// Compiled here, so that partials run as strictly as the templates that call them.
for (const file of readdirSync(PARTIALS_DIR)) {
  if (file.endsWith('.hbs'))
    environment.registerPartial(
      file.slice(0, -4),
      environment.compile(readFileSync(join(PARTIALS_DIR, file), 'utf8'), COMPILE_OPTIONS),
    );
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** Runs templates/<kind>.hbs over a context; the result is markup for parse-markup.ts. */
export function runTemplate(kind: string, context: object): string {
  let template = compiled.get(kind);
  if (!template) {
    template = environment.compile(readFileSync(join(TEMPLATES_DIR, `${kind}.hbs`), 'utf8'), COMPILE_OPTIONS);
    compiled.set(kind, template);
  }
  return template(context, RUNTIME_OPTIONS);
}

/** The same environment for a template given as text (tests of the environment itself). */
export function runTemplateSource(source: string, context: object): string {
  return environment.compile(source, COMPILE_OPTIONS)(context, RUNTIME_OPTIONS);
}
