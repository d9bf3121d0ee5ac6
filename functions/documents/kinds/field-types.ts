import * as z from 'zod';

/**
 * A kind's schema read as a form reads it: what each field is (an object of fields, a list of rows,
 * one line of text, a date, a choice, a number, a yes/no), whatever wraps it (a default, a nullable).
 * The drafter's form is generated from this, and the prefill is fitted to it.
 */
export type FieldType =
  | { type: 'object'; shape: Record<string, z.ZodType> }
  | { type: 'list'; item: z.ZodType; needsOne: boolean }
  | { type: 'choice'; options: string[] }
  | { type: 'text' | 'date' | 'number' | 'yesno' };

const WRAPPERS = new Set(['default', 'optional', 'nullable', 'prefault', 'readonly', 'catch']);

/** The schema under its defaults, optionals and nullables. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (WRAPPERS.has(inner._zod.def.type)) inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  return inner;
}

export function fieldType(schema: z.ZodType): FieldType {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return { type: 'object', shape: inner.shape as Record<string, z.ZodType> };
  if (inner instanceof z.ZodArray)
    return { type: 'list', item: inner.element as z.ZodType, needsOne: !inner.safeParse([]).success };
  if (inner instanceof z.ZodEnum) return { type: 'choice', options: inner.options.map(String) };
  if (inner instanceof z.ZodNumber) return { type: 'number' };
  if (inner instanceof z.ZodBoolean) return { type: 'yesno' };
  if ((inner as { format?: unknown }).format === 'date') return { type: 'date' };
  return { type: 'text' };
}

/** Whether an empty field may be left out: the schema then gives its default (a letter's "Lampiran: -"). */
export function mayBeLeftOut(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** Whether an empty field means none (a handover's collector, written by hand): null rather than empty text. */
export function meansNone(schema: z.ZodType): boolean {
  return schema.safeParse(null).success;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The known values (the applicant typed at the loket, the permit a revocation acts on, today's date)
 * that fit this schema, field by field: a value goes only where the schema has a field of its shape,
 * so the same facts serve every kind.
 */
export function fitToSchema(schema: z.ZodType, known: unknown): unknown {
  const field = fieldType(schema);
  if (field.type === 'object') {
    if (!isRecord(known)) return undefined;
    const fitted = Object.entries(field.shape).flatMap(([name, child]) => {
      const value = fitToSchema(child, known[name]);
      return value === undefined ? [] : [[name, value] as const];
    });
    return fitted.length ? Object.fromEntries(fitted) : undefined;
  }
  if (field.type === 'list') return undefined;
  return typeof known === 'string' && known !== '' && field.type !== 'number' && field.type !== 'yesno'
    ? known
    : undefined;
}

/** `over` laid on `under`, object by object: what the case already holds wins over what is known. */
export function layer(under: unknown, over: unknown): unknown {
  if (over === undefined) return under;
  if (!isRecord(under) || !isRecord(over)) return over;
  const merged: Record<string, unknown> = { ...under };
  for (const [name, value] of Object.entries(over)) merged[name] = layer(under[name], value);
  return merged;
}
