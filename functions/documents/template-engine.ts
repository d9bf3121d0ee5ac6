import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { join } from 'node:path';
import { resourcePath } from '#config/resource-path.ts';

/**
 * One Handlebars environment for all documents: strict (a missing field throws instead of printing
 * nothing), only the helpers below, no prototype access, and data escaped as HTML, which is also
 * escaping for the XML markup the templates produce.
 */

const TEMPLATES_DIR = resourcePath('templates');
const PARTIALS_DIR = resourcePath('templates', 'partials');

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'];

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date (YYYY-MM-DD): ${String(value)}`);
  return new Date(`${value}T00:00:00Z`);
}

/** "2026-11-21" as an Indonesian letter writes it: "21 November 2026". */
export function formatTanggal(value: unknown): string {
  const date = parseDate(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** An 18-digit NIP grouped as it is printed: birth date, appointment, sex, sequence ("19790810 199802 1 001"). */
export function formatNip(value: unknown): string {
  const digits = String(value);
  return /^\d{18}$/.test(digits) ? `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}` : digits;
}

const HELPERS = {
  tanggal: (value: unknown) => formatTanggal(value),
  hari: (value: unknown) => DAYS[parseDate(value).getUTCDay()],
  nip: (value: unknown) => formatNip(value),
  upper: (value: unknown) => String(value).toLocaleUpperCase('id-ID'),
  urut: (index: unknown) => Number(index) + 1,
  huruf: (index: unknown) => 'abcdefghijklmnopqrstuvwxyz'[Number(index)] ?? String(Number(index) + 1),
  eq: (a: unknown, b: unknown) => a === b,
  or: (a: unknown, b: unknown) => Boolean(a) || Boolean(b),
} as const;

const environment = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS)) environment.registerHelper(name, helper as Handlebars.HelperDelegate);
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
} as const;

// Compiled here, so that partials run as strictly as the templates that call them.
for (const file of readdirSync(PARTIALS_DIR)) {
  if (file.endsWith('.hbs')) environment.registerPartial(file.slice(0, -4), environment.compile(readFileSync(join(PARTIALS_DIR, file), 'utf8'), COMPILE_OPTIONS));
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
