import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import { fieldType, mayBeLeftOut, meansNone } from '#documents/kinds/field-types.ts';
import { draftSchemaOf } from '#documents/kinds/index.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { Sop } from '#sop/schema.ts';
import { APPLICANT_FIELDS, type ApplicantKey, applicantLabel } from './applicant-fields.ts';

/**
 * Where the drafts take each applicant field as the loket typed it: its path in a drafted kind's data
 * (each kind takes the paths its schema has, fit-to-schema). A `firm` path gives way to the permit's
 * holder where the case acts on an issued permit. The company's name is not here: it is the loket's
 * `perusahaan` fact where one was ticked, the applicant's name otherwise (prepare-drafts.ts).
 */
const APPLICANT_IN_DRAFTS: readonly { key: ApplicantKey; path: readonly [string, string]; firm?: true }[] = [
  { key: 'name', path: ['pemohon', 'nama'] },
  { key: 'address', path: ['pemohon', 'alamat'] },
  { key: 'nib', path: ['perusahaan', 'nib'], firm: true },
  { key: 'npwp', path: ['perusahaan', 'npwp'], firm: true },
  { key: 'address', path: ['perusahaan', 'alamat'], firm: true },
  { key: 'phone', path: ['perusahaan', 'telepon'], firm: true },
];

type Applicant = Partial<Record<ApplicantKey, unknown>>;

const mapped = (actsOnPermit: boolean) => APPLICANT_IN_DRAFTS.filter((entry) => !(actsOnPermit && entry.firm));

/** The applicant as the drafts know it, by the kinds' field names; without the firm's fields where a permit names the firm. */
export function applicantInDrafts(
  applicant: Applicant,
  actsOnPermit: boolean,
): Record<string, Record<string, unknown>> {
  const known: Record<string, Record<string, unknown>> = {};
  for (const { key, path } of mapped(actsOnPermit)) {
    const [block, field] = path;
    known[block] = { ...known[block], [field]: applicant[key] };
  }
  return known;
}

/** Whether a schema's data must hold a value at `path`: every field on the way neither defaulted, optional nor nullable. */
function requiredAt(schema: unknown, path: readonly string[]): boolean {
  const [name, ...rest] = path;
  if (name === undefined) return true;
  const field = fieldType(schema as Parameters<typeof fieldType>[0]);
  const child = field.type === 'object' ? field.shape[name] : undefined;
  return child !== undefined && !mayBeLeftOut(child) && !meansNone(child) && requiredAt(child, rest);
}

const filled = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The value at `path` of data given at the intake, if any. */
const givenAt = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (at, name) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[name] : undefined),
    data,
  );

/**
 * What the counter must take from the applicant for an SOP: each field a document the SOP drafts
 * takes from the applicant where its kind requires it, with the kinds that need it (by title). Where
 * the case acts on a permit, the firm's fields are the permit's; a draft given at the intake with a
 * value there needs none from the applicant.
 */
export function applicantNeeds(
  sop: Sop,
  at: { actsOnPermit?: boolean; documents?: Record<string, unknown> } = {},
): Map<ApplicantKey, string[]> {
  const needs = new Map<ApplicantKey, string[]>();
  for (const doc of sop.documents.filter((d) => !BUILT_FROM_CASE.includes(d.kind))) {
    const schema = draftSchemaOf(doc.kind);
    if (!schema) continue;
    for (const { key, path } of mapped(at.actsOnPermit ?? false)) {
      if (!requiredAt(schema, path) || filled(givenAt(at.documents?.[doc.kind], path))) continue;
      const titles = needs.get(key) ?? [];
      if (!titles.includes(doc.title)) titles.push(doc.title);
      needs.set(key, titles);
    }
  }
  return needs;
}

/**
 * The applicant fields an SOP's counter requires whatever the case, in the form's order. The name is
 * always required (read-case-request.ts); an SOP that acts on a permit needs the firm's fields only
 * when no permit is named, which the server checks (`requireApplicantFields`).
 */
export function applicantFieldsRequired(sop: Sop): ApplicantKey[] {
  const needs = applicantNeeds(sop, { actsOnPermit: sop.actsOnPermit });
  return APPLICANT_FIELDS.map(({ key }) => key).filter((key) => key === 'name' || needs.has(key));
}

/** The counter refused an application whose applicant lacks what a drafted document will need (`fields`, by key). Nothing was stored. */
export class MissingApplicantFields extends ParafError {
  constructor(
    readonly fields: ApplicantKey[],
    titles: string[],
  ) {
    const labels = fields.map(applicantLabel);
    const named = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} dan ${labels.at(-1)}` : labels.join('');
    super(
      'applicant-incomplete',
      `Data pemohon belum lengkap: ${named} wajib diisi, karena dimuat dalam ${titles.join(', ')} yang disusun untuk layanan ini.`,
      { details: { fields } },
    );
  }
}

/**
 * The counter's check (open-case.ts): every field the SOP's drafts need from this application's
 * applicant is there, or the application is refused naming each by its label.
 */
export function requireApplicantFields(
  sop: Sop,
  applicant: Applicant,
  at: { actsOnPermit: boolean; documents: Record<string, unknown> },
): void {
  const needs = applicantNeeds(sop, at);
  const missing = APPLICANT_FIELDS.map(({ key }) => key).filter((key) => needs.has(key) && !filled(applicant[key]));
  if (missing.length)
    throw new MissingApplicantFields(missing, [...new Set(missing.flatMap((key) => needs.get(key) ?? []))]);
}
