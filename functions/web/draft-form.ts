import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type * as z from 'zod/v4/core';
import type { FieldLabel, FieldLabels } from '#documents/kinds/field-labels.ts';
import { fieldType, mayBeLeftOut, meansNone, mustBeFilled } from '#documents/kinds/field-types.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { formatNip } from '#documents/format-dates.ts';
import { fieldName, type Path } from './draft-form-read.ts';

/**
 * The drafter's form of one document, generated from its kind's schema and labels (never written per
 * kind): an object is a group of fields, a list has its rows with add and remove, a date a date input,
 * a choice radio buttons or a list to pick from, long text a text area. The page has no script (the
 * CSP allows none), so adding or removing a row is a submit that the server answers with the same page
 * and changes nothing. Problems show under their field.
 */

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface DraftFormInput {
  kind: string;
  title: string;
  schema: z.$ZodType | undefined;
  labels: FieldLabels;
  values: unknown;
  problems: Record<string, string>;
  /** The signature block Paraf prints, shown read-only. */
  signer?: { nama: string; nip: string; jabatan: string; sebagai?: string; kepala?: string } | undefined;
}

/** The id of a field's control (or group), from its form name. */
export const fieldAnchor = (name: string) =>
  `isian-${name
    .replace(/^dokumen/, '')
    .replace(/\]\[|\[|\]/g, '-')
    .replace(/^-|-$/g, '')}`;

const at = (value: unknown, part: string | number): unknown =>
  value && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;

/** Labels the schema's fields in the labels' order, then any the labels forgot (under their own name). */
function ordered(shape: Record<string, z.$ZodType>, labels: FieldLabels | undefined): [string, z.$ZodType][] {
  const order = Object.keys(labels ?? {});
  const place = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(shape).sort(([a], [b]) => place(a) - place(b));
}

interface Context {
  kind: string;
  problems: Record<string, string>;
  /** Inside a group the document may leave out whole: its fields are required only once one is filled. */
  inOptionalGroup?: boolean;
}

function problemOf(context: Context, name: string): Html | '' {
  const problem = context.problems[name];
  return problem ? html`<p class="isian-salah" id="${fieldAnchor(name)}-salah">${problem}</p>` : '';
}

/** The help and the problem a control is described by, and whether it is marked invalid. */
function aria(context: Context, name: string, help: boolean): Html | '' {
  const wrong = !!context.problems[name];
  const ids = [help ? `${fieldAnchor(name)}-bantuan` : '', wrong ? `${fieldAnchor(name)}-salah` : ''].filter(Boolean);
  if (!ids.length) return '';
  return html` aria-describedby="${ids.join(' ')}"${wrong ? html` aria-invalid="true"` : ''}`;
}

function field(context: Context, schema: z.$ZodType, label: FieldLabel, path: Path, value: unknown): Html {
  const name = fieldName(context.kind, path);
  const id = fieldAnchor(name);
  const type = fieldType(schema);
  const help = label.help ? html`<p class="bantuan" id="${id}-bantuan">${label.help}</p>` : '';
  if (type.type === 'object') {
    const optionalGroup = !context.inOptionalGroup && (mayBeLeftOut(schema) || meansNone(schema));
    const inner = optionalGroup ? { ...context, inOptionalGroup: true } : context;
    const marker = optionalGroup ? html` <span class="boleh-kosong">(boleh dikosongkan seluruhnya)</span>` : '';
    return html`<fieldset class="isian" id="${id}"><legend>${label.label}${marker}</legend>${help}${problemOf(context, name)}
      ${ordered(type.shape, label.fields).map(([child, childSchema]) =>
        field(inner, childSchema, label.fields?.[child] ?? { label: child }, [...path, child], at(value, child)),
      )}</fieldset>`;
  }
  if (type.type === 'list') return list(context, type, label, path, value);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const required = !context.inOptionalGroup && mustBeFilled(schema);
  // Screen readers hear which fields are required; the browser does not block "Simpan draf" on them.
  const described = html`${aria(context, name, !!label.help)}${required ? html` aria-required="true"` : ''}`;
  const control =
    type.type === 'choice'
      ? type.options.length <= 3
        ? html`<div role="radiogroup" aria-labelledby="${id}-judul"${described}>${type.options.map(
            (option, i) =>
              html`<label class="inline pilihan"><input type="radio" name="${name}" id="${i === 0 ? id : `${id}-${i}`}" value="${option}" ${option === text ? 'checked' : ''}> ${option}</label> `,
          )}</div>`
        : html`<select id="${id}" name="${name}"${described}>
            <option value="">Pilih ${label.label.toLowerCase()}</option>
            ${type.options.map((option) => html`<option value="${option}" ${option === text ? 'selected' : ''}>${option}</option>`)}
          </select>`
      : type.type === 'yesno'
        ? html`<input type="checkbox" id="${id}" name="${name}" value="ya" ${value === true ? 'checked' : ''}>`
        : label.long
          ? html`<textarea id="${id}" name="${name}" rows="3"${described}>${text}</textarea>`
          : html`<input type="${type.type === 'date' ? 'date' : type.type === 'number' ? 'number' : 'text'}" id="${id}" name="${name}" value="${text}"${described}${type.type === 'number' ? html` inputmode="numeric"` : ''}>`;
  // Nearly every field is required, so the few that are not say so (the form's note says the rule).
  const optional =
    required || context.inOptionalGroup || type.type === 'yesno'
      ? ''
      : html` <span class="boleh-kosong">(boleh dikosongkan)</span>`;
  const heading =
    type.type === 'choice' && type.options.length <= 3
      ? html`<p class="judul-isian" id="${id}-judul">${label.label}${optional}</p>`
      : html`<label for="${id}">${label.label}${optional}</label>`;
  return html`<div class="isian">${heading}${help}${control}${problemOf(context, name)}</div>`;
}

function list(
  context: Context,
  type: { item: z.$ZodType; needsOne: boolean },
  label: FieldLabel,
  path: Path,
  value: unknown,
): Html {
  const name = fieldName(context.kind, path);
  const given = Array.isArray(value) ? value : [];
  // A list the document needs at least one row of starts with one empty row.
  const rows = given.length === 0 && type.needsOne ? [undefined] : given;
  const rowName = label.row ?? label.label;
  const ofObjects = fieldType(type.item).type === 'object';
  // A list the document may leave empty says so, as a field that may be left empty does.
  const optional =
    type.needsOne || context.inOptionalGroup ? '' : html` <span class="boleh-kosong">(boleh dikosongkan)</span>`;
  return html`<fieldset class="isian" id="${fieldAnchor(name)}"><legend>${label.label}${optional}</legend>
    ${label.help ? html`<p class="bantuan">${label.help}</p>` : ''}${problemOf(context, name)}
    ${rows.map((row, i) => {
      const rowLabel: FieldLabel = ofObjects
        ? { label: `${rowName} ${i + 1}`, fields: label.fields ?? {} }
        : { label: `${rowName} ${i + 1}`, ...(label.long ? { long: true } : {}) };
      return html`<div class="baris">${field(context, type.item, rowLabel, [...path, i], row)}
        <button type="submit" name="baris" value="hapus ${fieldName(context.kind, [...path, i])}" formaction="#${fieldAnchor(name)}" class="secondary" formnovalidate>Hapus ${rowName.toLowerCase()} ${i + 1}</button></div>`;
    })}
    <button type="submit" name="baris" value="tambah ${name}" formaction="#${fieldAnchor(name)}" class="secondary" formnovalidate>Tambah ${rowName.toLowerCase()}</button>
  </fieldset>`;
}

/**
 * The signer's capacity as the printed block gives it (templates/partials/tanda-tangan.hbs, which
 * prints the head's position in capitals from templates/kantor.json): the head as themself; a Plh./Plt. of the head under the head's position, their own beside it; anyone else
 * a.n. the head, under their own position.
 */
function signerLine(signer: NonNullable<DraftFormInput['signer']>): string {
  const capacity = CAPACITY_TITLE[signer.sebagai as keyof typeof CAPACITY_TITLE];
  if (!capacity || !signer.kepala) return signer.jabatan;
  return signer.sebagai === 'an'
    ? `${capacity} ${signer.kepala}, ${signer.jabatan}`
    : `${capacity} ${signer.kepala} (${signer.jabatan})`;
}

/** One document's form: its fields, and the signer Paraf will print (not typed). */
export function draftForm(input: DraftFormInput): Html {
  const type = input.schema && fieldType(input.schema);
  if (type?.type !== 'object') return html``;
  const context: Context = { kind: input.kind, problems: input.problems };
  const signer = input.signer;
  return html`<section class="card draf" id="draf-${input.kind}"><h3>${input.title}</h3>
    <p class="bantuan">Semua isian wajib diisi, kecuali yang bertanda "boleh dikosongkan".</p>
    ${ordered(type.shape, input.labels).map(([name, schema]) =>
      field(context, schema, input.labels[name] ?? { label: name }, [name], at(input.values, name)),
    )}
    ${
      signer
        ? html`<div class="isian"><p class="judul-isian">Penandatangan</p>
          <p class="penandatangan">${signerLine(signer)}: <strong>${signer.nama}</strong>, NIP ${formatNip(signer.nip)}</p>
          <p class="bantuan">Diambil dari direktori staf (termasuk wakil bila pejabat tidak hadir) saat dokumen dicetak; tidak diisi di sini.</p></div>`
        : ''
    }
  </section>`;
}
