import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

/**
 * A kind's schema read as a form reads it: what each field is (an object of fields, a list of rows,
 * one line of text, a date, a choice, a number, a yes/no), whatever wraps it (a default, a nullable).
 * The drafter's form is generated from this, and the prefill is fitted to it.
 */
export type FieldType =
  | { type: 'object'; shape: Record<string, $ZodType> }
  | { type: 'list'; item: $ZodType; needsOne: boolean }
  | { type: 'choice'; options: string[] }
  | { type: 'text' | 'date' | 'number' | 'yesno' };

const WRAPPERS = new Set(['default', 'optional', 'nullable', 'prefault', 'readonly', 'catch']);

/** The schema under its defaults, optionals and nullables. */
function unwrap(schema: $ZodType): $ZodType {
  let inner = schema;
  while (WRAPPERS.has(inner._zod.def.type)) inner = (inner._zod.def as unknown as { innerType: $ZodType }).innerType;
  return inner;
}

/**
 * The fields of an object schema, read from its definition (zod's core, whichever API built it);
 * undefined for any other schema.
 */
export function objectShape(schema: $ZodType | undefined): Record<string, $ZodType> | undefined {
  const def = schema?._zod.def;
  return def?.type === 'object' ? (def as unknown as { shape: Record<string, $ZodType> }).shape : undefined;
}

export function fieldType(schema: $ZodType): FieldType {
  const inner = unwrap(schema);
  const def = inner._zod.def as unknown as { type: string; element?: $ZodType; entries?: object; format?: string };
  const shape = objectShape(inner);
  if (shape) return { type: 'object', shape };
  if (def.type === 'array' && def.element)
    return { type: 'list', item: def.element, needsOne: !z.safeParse(inner, []).success };
  if (def.type === 'enum' && def.entries) return { type: 'choice', options: Object.values(def.entries).map(String) };
  if (def.type === 'number') return { type: 'number' };
  if (def.type === 'boolean') return { type: 'yesno' };
  if (def.format === 'date') return { type: 'date' };
  return { type: 'text' };
}

/** Whether an empty field may be left out: the schema then gives its default (a letter's "Lampiran: -"). */
export function mayBeLeftOut(schema: $ZodType): boolean {
  return z.safeParse(schema, undefined).success;
}

/**
 * Whether the drafter must fill the field: left empty, the form reads it as nothing, none or empty
 * text, and the schema takes none of them. A yes/no box is never required (unticked is "no").
 */
export function mustBeFilled(schema: $ZodType): boolean {
  const type = fieldType(schema).type;
  if (type === 'yesno' || type === 'object' || type === 'list') return false;
  return !mayBeLeftOut(schema) && !meansNone(schema) && !z.safeParse(schema, '').success;
}

/** Whether an empty field means none (a handover's collector, written by hand): null rather than empty text. */
export function meansNone(schema: $ZodType): boolean {
  return z.safeParse(schema, null).success;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The known values (the applicant typed at the loket, the permit a revocation acts on, today's date)
 * that fit this schema, field by field: a value goes only where the schema has a field of its shape,
 * so the same facts serve every kind.
 */
export function fitToSchema(schema: $ZodType, known: unknown): unknown {
  const field = fieldType(schema);
  if (field.type === 'object') {
    if (!isRecord(known)) return undefined;
    const fitted = Object.entries(field.shape).flatMap(([name, child]) => {
      const value = fitToSchema(child, known[name]);
      return value === undefined ? [] : [[name, value] as const];
    });
    return fitted.length ? Object.fromEntries(fitted) : undefined;
  }
  // A list is known only whole (the officials a Surat Tugas sends), each row fitted as a row is.
  if (field.type === 'list') {
    if (!Array.isArray(known)) return undefined;
    const rows = known.map((row) => fitToSchema(field.item, row)).filter((row) => row !== undefined);
    return rows.length ? rows : undefined;
  }
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
