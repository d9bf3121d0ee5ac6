import type * as z from 'zod/v4/core';
import { parse, safeParse } from 'zod/mini';
import type { FieldLabel, FieldLabels } from '#documents/kinds/field-labels.ts';
import { fieldType, mayBeLeftOut, meansNone } from '#documents/kinds/field-types.ts';
import { DOCUMENT_KINDS, draftSchemaOf } from '#documents/kinds/index.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { FORM_LIMITS } from '#validation/form-limits.ts';
import { indonesianErrors } from '#validation/indonesian-errors.ts';
import { HIDDEN_IN, inspectJson } from '#validation/inspect-json.ts';

/**
 * The drafting form read back: fields named dokumen[<kind>][<field>][<row>][<field>] become each
 * kind's data, typed by its schema (a date stays text, a number becomes one, a ticked box yes), then
 * checked against the schema. Problems are named at their field, by its label.
 */

export type Path = (string | number)[];

/** The form name of a field: dokumen[api-u][penanggungJawab][nama]. */
export const fieldName = (kind: string, path: Path) => `dokumen[${kind}]${path.map((part) => `[${part}]`).join('')}`;

/** A form name back to its kind and path; undefined for any other name. */
export function parseFieldName(name: string): { kind: string; path: Path } | undefined {
  const match = /^dokumen((?:\[[A-Za-z0-9_-]{1,60}\])+)$/.exec(name);
  if (!match || /\[(__proto__|constructor|prototype)\]/.test(name)) return undefined;
  const [kind, ...path] = [...(match[1] ?? '').matchAll(/\[([^\]]*)\]/g)].map((part) => part[1] ?? '');
  return kind ? { kind, path: path.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : part)) } : undefined;
}

const invalid = (message: string) => new ParafError('invalid', message);

/** The draft schema of a kind the form names; a kind Paraf does not draft is refused by name. */
function schemaOf(kind: string): z.$ZodType {
  const schema = draftSchemaOf(kind);
  if (!schema) throw invalid(`Jenis dokumen "${kind}" tidak dikenal.`);
  return schema;
}
type Tree = { [name: string]: Tree | string };

/** Each kind's fields as the form sent them, nested by their names; a kind Paraf does not draft is refused. */
function readTrees(form: Record<string, unknown>): Map<string, Tree> {
  const trees = new Map<string, Tree>();
  for (const [name, value] of Object.entries(form)) {
    if (!name.startsWith('dokumen')) continue;
    const field = parseFieldName(name);
    if (!field || typeof value !== 'string') throw invalid(`Isian "${name}" tidak dikenal.`);
    schemaOf(field.kind);
    let node = trees.get(field.kind) ?? (Object.create(null) as Tree);
    trees.set(field.kind, node);
    field.path.forEach((part, i) => {
      if (i === field.path.length - 1) node[part] = value;
      else {
        const next = node[part];
        if (typeof next === 'string') throw invalid(`Isian "${name}" tidak dikenal.`);
        node[part] = next ?? (Object.create(null) as Tree);
        node = node[part] as Tree;
      }
    });
  }
  return trees;
}

/** The typed data of one field, as its schema takes it; a field the schema does not have is refused by name. */
function typed(schema: z.$ZodType, given: Tree | string | undefined, name: string): unknown {
  const field = fieldType(schema);
  if (field.type === 'object' || field.type === 'list') {
    if (typeof given === 'string') throw invalid(`Isian "${name}" tidak dikenal.`);
    const node: Tree = given ?? Object.create(null);
    if (field.type === 'list') {
      const rows = Object.keys(node);
      const bad = rows.find((row) => !/^\d{1,3}$/.test(row));
      if (bad) throw invalid(`Isian "${name}[${bad}]" tidak dikenal.`);
      return rows
        .map(Number)
        .sort((a, b) => a - b)
        .map((row) => typed(field.item, node[row], `${name}[${row}]`));
    }
    const unknown = Object.keys(node).find((key) => !Object.hasOwn(field.shape, key));
    if (unknown) throw invalid(`Isian "${name}[${unknown}]" tidak dikenal.`);
    const entries = Object.entries(field.shape).map(([key, child]) => [
      key,
      typed(child, node[key], `${name}[${key}]`),
    ]);
    const kept = entries.filter(([, value]) => value !== undefined);
    // A group the kind may leave out (a revocation's basis on an ordinary inspection), left wholly empty: left out.
    if (mayBeLeftOut(schema) && kept.every(([, value]) => value === '' || value === null)) return undefined;
    return Object.fromEntries(kept);
  }
  if (typeof given === 'object') throw invalid(`Isian "${name}" tidak dikenal.`);
  if (field.type === 'yesno') return given === 'ya';
  if (given === undefined || given.trim() === '') {
    if (mayBeLeftOut(schema)) return undefined;
    return meansNone(schema) ? null : field.type === 'choice' || field.type === 'number' ? undefined : (given ?? '');
  }
  return field.type === 'number' ? Number(given.trim()) : given;
}

/** What the drafting fields of a form hold, by kind, typed but not yet checked. */
export function readDraftValues(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    [...readTrees(form)].map(([kind, tree]) => [kind, typed(schemaOf(kind), tree, `dokumen[${kind}]`)]),
  );
}

/** A row added to, or taken from, a list of the form: "tambah <list name>" or "hapus <row name>". */
export function changeRows(values: Record<string, unknown>, change: string): void {
  const [verb, name = ''] = change.split(' ');
  const field = parseFieldName(name);
  if (!field || (verb !== 'tambah' && verb !== 'hapus')) throw invalid('Perubahan baris tidak dikenal.');
  const path = verb === 'hapus' ? field.path.slice(0, -1) : field.path;
  let list: unknown = values[field.kind];
  for (const part of path) list = (list as Record<string | number, unknown> | undefined)?.[part];
  if (!Array.isArray(list)) throw invalid('Perubahan baris tidak dikenal.');
  if (verb === 'hapus') list.splice(Number(field.path.at(-1)), 1);
  else {
    let schema = schemaOf(field.kind);
    for (const part of path) {
      const type = fieldType(schema);
      schema = (type.type === 'object' ? type.shape[part] : type.type === 'list' ? type.item : schema) ?? schema;
    }
    const type = fieldType(schema);
    list.push(type.type === 'list' && fieldType(type.item).type === 'object' ? {} : '');
  }
}

/** The label of the field at `path`, with the row it is in ("Penandatangan 2: Nama"). */
export function labelAt(labels: FieldLabels, path: Path): string {
  let row: string | undefined;
  let fields: FieldLabels | undefined = labels;
  let current: FieldLabel | undefined;
  let label = '';
  for (const part of path) {
    if (typeof part === 'number') {
      row = `${current?.row ?? current?.label ?? 'Baris'} ${part + 1}`;
      label = row;
      continue;
    }
    current = fields?.[part];
    fields = current?.fields;
    label = current?.label ?? part;
  }
  return row && label !== row ? `${row}: ${label}` : label;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** One problem in the words of the form: the field's label, and what is wrong with what was typed. */
function fieldMessage(label: string, issue: z.$ZodIssue, value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return issue.code === 'too_small' && issue.origin === 'array'
      ? sentence(`${label}: ${issue.message}`)
      : `${label} wajib diisi.`;
  if (issue.code === 'invalid_format' && issue.format === 'date') return `${label} harus tanggal yang ada di kalender.`;
  if (issue.code === 'invalid_value') return `${label}: pilih salah satu pilihan yang tersedia.`;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return `${label} harus berupa angka.`;
  return sentence(`${label}: ${issue.message}`);
}

/** Each kind's data checked against its schema: the problems by field name, none when all is valid. */
export function draftProblems(values: Record<string, unknown>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [kind, data] of Object.entries(values)) {
    const labels = DOCUMENT_KINDS[kind]?.labels ?? {};
    const limit = inspectJson(data, FORM_LIMITS, [kind]);
    if (limit?.kind === 'string-too-long' || limit?.kind === 'too-many-items' || limit?.kind === 'hidden-character') {
      const path = limit.path
        .split('.')
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      problems[fieldName(kind, path)] =
        limit.kind === 'hidden-character'
          ? HIDDEN_IN(labelAt(labels, path))
          : `${labelAt(labels, path)} paling ${limit.kind === 'string-too-long' ? `panjang ${limit.limit} karakter` : `banyak ${limit.limit} baris`}.`;
    }
    const check = safeParse(schemaOf(kind), data, { error: indonesianErrors });
    for (const issue of check.success ? [] : check.error.issues) {
      const path = issue.path.filter((part) => typeof part !== 'symbol') as Path;
      let value: unknown = data;
      for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];
      const name = fieldName(kind, path);
      problems[name] ??= fieldMessage(labelAt(labels, path), issue, value);
    }
  }
  return problems;
}

/** The data to save: valid by each kind's schema, without a signature block (Paraf prints the signer). */
export function savedDrafts(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([kind, data]) => [kind, parse(schemaOf(kind), data)] as const));
}
