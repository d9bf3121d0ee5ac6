import { config } from 'zod/mini';
import type { $ZodErrorMap } from 'zod/v4/core';

/**
 * What each JSON type is called in a message. zod's own Indonesian locale keeps the English type
 * names ("diharapkan object, diterima null", "diharapkan number, diterima NaN", "String tidak
 * valid"), which a clerk cannot read; these words are the ones the office uses.
 */
const EXPECTED: Record<string, string> = {
  string: 'harus berupa teks',
  number: 'harus berupa angka',
  int: 'harus berupa bilangan bulat',
  bigint: 'harus berupa bilangan bulat',
  boolean: 'harus ya atau tidak (nilai benar/salah)',
  object: 'harus berupa kumpulan isian (objek JSON)',
  record: 'harus berupa kumpulan isian (objek JSON)',
  array: 'harus berupa daftar',
  tuple: 'harus berupa daftar',
  date: 'harus berupa tanggal',
  file: 'harus berupa berkas',
};

function describeValue(value: unknown): string {
  if (value === null) return 'nilai kosong';
  if (Array.isArray(value)) return 'daftar';
  if (typeof value === 'number') return Number.isNaN(value) ? 'bukan angka' : 'angka';
  if (typeof value === 'string') return 'teks';
  if (typeof value === 'boolean') return 'nilai benar/salah';
  if (typeof value === 'object') return 'kumpulan isian';
  return 'isian lain';
}

const FORMATS: Record<string, string> = {
  email: 'tulis alamat e-mail yang benar, misalnya nama@kaltimprov.go.id',
  date: 'harus tanggal yang ada di kalender, dengan format TTTT-BB-HH',
  datetime: 'harus tanggal dan jam dengan format ISO 8601',
  time: 'harus jam dengan format JJ:MM',
  url: 'alamat web tidak valid',
  base64: 'harus berupa base64',
};

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** Sizes as a person counts them: characters of a text, items of a list, the value of a number. */
function sizeMessage(
  issue: { origin: string; inclusive?: boolean },
  limit: number | bigint,
  bound: 'max' | 'min',
): string {
  const exact = issue.inclusive !== false;
  if (issue.origin === 'string')
    return bound === 'max'
      ? `paling panjang ${exact ? limit : Number(limit) - 1} karakter`
      : `paling sedikit ${exact ? limit : Number(limit) + 1} karakter`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return bound === 'max'
      ? `paling banyak ${exact ? limit : Number(limit) - 1} butir`
      : `paling sedikit ${exact ? limit : Number(limit) + 1} butir`;
  if (bound === 'max') return exact ? `paling besar ${limit}` : `harus kurang dari ${limit}`;
  return exact ? `paling kecil ${limit}` : `harus lebih dari ${limit}`;
}

/**
 * Every message zod can give, in Bahasa Indonesia with no English word, for whatever a person
 * sends. A message the schema gives itself (`.min(1, 'wajib diisi')`) wins over these.
 */
export const indonesianErrors: $ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'wajib diisi';
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return 'harus diisi dengan angka';
      if (typeof issue.input === 'number' && issue.expected === 'int') return 'harus berupa bilangan bulat';
      return `${EXPECTED[issue.expected] ?? 'jenis isiannya tidak sesuai'}, bukan ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'wajib diisi';
      return issue.values.length === 1
        ? `harus ${quoted(issue.values)}`
        : `harus salah satu dari: ${quoted(issue.values)}`;
    case 'too_big':
      return sizeMessage(issue, issue.maximum as number | bigint, 'max');
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? 'wajib diisi'
        : sizeMessage(issue, issue.minimum as number | bigint, 'min');
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'bentuknya tidak sesuai';
    case 'not_multiple_of':
      return `harus kelipatan ${issue.divisor}`;
    case 'unrecognized_keys':
      return `isian tidak dikenal: ${quoted(issue.keys)}`;
    case 'invalid_key':
      return `nama isian ${JSON.stringify(String(issue.input))} tidak diterima (${issue.issues.map((inner) => inner.message).join('; ')})`;
    case 'invalid_union':
      return 'isinya tidak sesuai dengan bentuk yang diizinkan';
    default:
      return 'isinya tidak sesuai';
  }
};

/**
 * zod's locale for the whole process, so that a parse that passes no error map still speaks Bahasa
 * Indonesia. zod/mini sets no locale: without this a Lambda, which carries no classic zod, would say
 * "Invalid input", while the local runtime, where classic zod sets English when it first builds a
 * schema, would say English. Classic zod sets its English only where no locale is set, so the order
 * in which the two load does not matter. Every Lambda loads this module at init (bundle-size.test),
 * and so do the local runtime and the CLI, before any parse.
 */
config({ localeError: indonesianErrors });

/**
 * A field's problem, named by its label. A message that names its field already ("NIB harus 13
 * angka") is said as it is, its first letter a capital, not after the label again.
 */
export const fieldProblem = (label: string, message: string) =>
  message.toLowerCase().startsWith(`${label.toLowerCase()} `)
    ? `${message.charAt(0).toUpperCase()}${message.slice(1)}`
    : `${label}: ${message}`;

/**
 * Issues as one sentence, each after the field it concerns: by its label where the caller gives the
 * labels of a form's fields (a person reads "Tanggal terbit dari", not "from"), else by its path.
 */
export function zodMessage(
  issues: readonly { path: PropertyKey[]; message: string }[],
  labels: Readonly<Record<string, string>> = {},
): string {
  const field = (path: PropertyKey[]) => labels[String(path[0])] ?? (path.map(String).join('.') || '(isian)');
  return issues.map((issue) => fieldProblem(field(issue.path), issue.message)).join('; ');
}
