/**
 * Checks on parsed JSON that a schema cannot make: keys that reach an object's prototype when
 * copied (zod's z.record copies `__proto__` as a prototype, so `form.documents.__proto__` skipped
 * the document-kind check), nesting deep enough to overflow a recursive reader or DynamoDB's 32
 * levels, and the size of what is stored, so that no DynamoDB item comes near its 400 KB.
 */

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonLimits {
  /** Levels of objects and lists below the value given. */
  maxDepth: number;
  /** Characters of any one string. */
  maxStringLength?: number;
  /** Items of any one list, or keys of any one object. */
  maxItems?: number;
}

export type JsonProblem =
  | { kind: 'prototype-key'; path: string; key: string }
  | { kind: 'too-deep'; path: string; limit: number }
  | { kind: 'string-too-long'; path: string; length: number; limit: number }
  | { kind: 'too-many-items'; path: string; count: number; limit: number }
  | { kind: 'hidden-character'; path: string };

/**
 * Characters a reader cannot see: direction overrides (U+202E shows "fdp.exe" as "exe.pdf"), zero-width
 * and other format characters, and control characters but tab and line breaks; and U+FFFD, what bytes
 * that were not UTF-8 were read as (a permit would print "�"). A name or a permit's text that holds one
 * could print other than it reads, so it is refused, not cleaned.
 */
const HIDDEN = /[\p{Cf}\p{Cc}\uFFFD]/u;
/** The refusal of a typed field that holds one, in Bahasa Indonesia. */
export const HIDDEN_IN = (label: string) =>
  `${label} memuat karakter tersembunyi (pengatur arah tulisan atau karakter kendali) atau huruf yang rusak; ketik ulang isian ini.`;

export const hidesCharacters = (text: string): boolean => HIDDEN.test(text.replace(/[\t\n\r]/g, ''));

/** The first problem found, depth first, with the dotted path where it is (`form.documents.api-u`). */
export function inspectJson(
  value: unknown,
  limits: JsonLimits,
  path: string[] = [],
  depth = 0,
): JsonProblem | undefined {
  const where = path.join('.') || '(isian)';
  if (typeof value === 'string') {
    if (limits.maxStringLength !== undefined && value.length > limits.maxStringLength)
      return { kind: 'string-too-long', path: where, length: value.length, limit: limits.maxStringLength };
    return hidesCharacters(value) ? { kind: 'hidden-character', path: where } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= limits.maxDepth) return { kind: 'too-deep', path: where, limit: limits.maxDepth };
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  if (limits.maxItems !== undefined && entries.length > limits.maxItems)
    return { kind: 'too-many-items', path: where, count: entries.length, limit: limits.maxItems };
  for (const [key, item] of entries) {
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return { kind: 'prototype-key', path: where, key };
    const problem = inspectJson(item, limits, [...path, key], depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** The problem as a person reads it, in Bahasa Indonesia, naming the field and the limit. */
export function describeJsonProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'prototype-key':
      return `nama isian "${problem.key}" tidak diizinkan (di ${problem.path})`;
    case 'too-deep':
      return `${problem.path}: isian bertingkat terlalu dalam (paling dalam ${problem.limit} tingkat)`;
    case 'string-too-long':
      return `${problem.path}: ${problem.length} karakter, paling panjang ${problem.limit} karakter`;
    case 'too-many-items':
      return `${problem.path}: ${problem.count} butir, paling banyak ${problem.limit} butir`;
    case 'hidden-character':
      return HIDDEN_IN(`${problem.path}:`).replace(/\.$/, '');
  }
}

/** Bytes of the value as JSON in UTF-8: about what it takes in a DynamoDB item. */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
