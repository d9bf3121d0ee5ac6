import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { ParafError } from '#errors/paraf-error.ts';
import { indonesianErrors } from '#validation/indonesian-errors.ts';

/**
 * An item read from the table that is not the record its key says (a field missing or of another
 * type): written by hand, by a faulty version, or cut off. Named with its key and its fields, so the
 * fault shows where it is, not as a crash deep inside a step.
 */
export class MalformedRecord extends ParafError {
  constructor(
    readonly record: string,
    readonly key: string,
    readonly fields: string[],
  ) {
    super('malformed-record', `Catatan ${record} ${key} di tabel rusak: ${fields.join('; ')}`);
  }
}

/**
 * A record from the item the table returned: its key attributes (pk, sk, and the index attributes
 * named) taken off, the rest checked against the record's schema. What is returned is that item's
 * own copy, not zod's output: it is not copied a second time, and attributes the schema does not
 * name (a newer writer's) stay, as they did before records were checked.
 */
export function readRecord<T>(
  schema: $ZodType<T>,
  record: string,
  item: Record<string, unknown>,
  indexAttributes: readonly string[] = [],
): T {
  const { pk, sk, ...fields } = item;
  for (const name of indexAttributes) delete fields[name];
  return checked(schema, record, `${String(pk)} / ${String(sk)}`, [], fields);
}

/**
 * A field of a record that holds a record of its own, in one of several shapes (a link's decision:
 * an official's, a move, a failure): checked by the schema of the shape its reader expects, and
 * named by the item's key and the field's path when it is not that shape.
 */
export function readField<T>(
  schema: $ZodType<T>,
  record: string,
  key: { pk: string; sk: string },
  path: readonly string[],
  value: unknown,
): T {
  return checked(schema, record, `${key.pk} / ${key.sk}`, path, value);
}

/**
 * A record checked against its schema before it is written, as it will be when read: a record that
 * its own readers would refuse is never stored (one bad absence would stop every approval that reads them).
 */
export function checkBeforeWrite<T>(schema: $ZodType<T>, record: string, key: { pk: string; sk: string }, value: T): T {
  return checked(schema, record, `${key.pk} / ${key.sk}`, [], value);
}

function checked<T>(schema: $ZodType<T>, record: string, key: string, path: readonly string[], value: unknown): T {
  // Named here as well as set as the locale (indonesian-errors.ts): the message does not then depend on what set the locale last.
  const parsed = safeParse(schema, value, { error: indonesianErrors });
  if (!parsed.success)
    throw new MalformedRecord(
      record,
      key,
      parsed.error.issues.map((issue) => `${[...path, ...issue.path].join('.') || '(isi)'}: ${issue.message}`),
    );
  return value as T;
}

/** A record's zod shape names every field of its interface, and no other (`satisfies RecordShape<T>`). */
export type RecordShape<T> = { [K in keyof T]-?: $ZodType };
