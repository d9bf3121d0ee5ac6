import type { Context } from 'hono';
import * as z from 'zod/mini';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { describeJsonProblem, inspectJson, jsonBytes } from '#validation/inspect-json.ts';
import { FORM_LIMITS } from '#validation/form-limits.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { MAX_UPLOADED_FILE_BYTES } from '#cases/issue-upload-form.ts';
import type { UploadReference } from '#cases/claim-uploads.ts';
import type { Application } from '#cases/open-case.ts';
import { signedInOfficial } from '#identity/identity.ts';
import { printableName as printable } from '#validation/printable-name.ts';
import { parseStrictJson, repeatedKeyMessage } from '#validation/repeated-json-key.ts';

/** A one-line field: a name or an address printed on the permit. */
const text = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'wajib diisi'),
      z.maxLength(max, `paling panjang ${max} karakter`),
      z.regex(/^[^\t\n\r]*$/, 'tulis dalam satu baris'),
    );
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS = 20;

/** The request as a whole: deep enough for the form inside it, nothing deeper. */
const REQUEST_DEPTH = FORM_LIMITS.maxDepth + 2;

/**
 * Attachment names end up in archive keys and in pages: letters, digits, spaces and . _ ( ) - only,
 * no leading dot, an extension that matches the type. Path separators, control characters, markup
 * and template syntax are refused, not cleaned, so the clerk sees what was wrong.
 */
const SAFE_NAME = /^(?!\.)[\p{L}\p{N} ._()-]{1,120}$/u;
const TYPES = {
  'application/pdf': { extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
} as const;
type ContentType = keyof typeof TYPES;

const CaseFields = z.strictObject({
  sop: text(40),
  applicant: z.strictObject({
    name: text(200),
    nib: z.optional(z.string().check(z.regex(/^\d{13}$/, 'NIB harus 13 angka'))),
    npwp: z.optional(
      z.string().check(
        z.regex(/^[\d. -]+$/, {
          error: 'NPWP hanya angka, boleh dengan titik, tanda hubung atau spasi',
          abort: true,
        }),
        z.refine(
          (value) => [15, 16].includes(value.replace(/\D/g, '').length),
          'NPWP harus 15 atau 16 angka (titik, tanda hubung dan spasi tidak dihitung)',
        ),
      ),
    ),
    address: z.optional(text(300)),
    email: z.optional(
      z.email('tulis alamat e-mail yang benar, misalnya nama@kaltimprov.go.id').check(z.maxLength(200)),
    ),
    phone: z.optional(
      z.string().check(
        z.regex(/^\+?[\d ()-]{6,20}$/, {
          error: 'nomor telepon hanya angka, boleh diawali + dan memakai spasi, tanda hubung atau tanda kurung',
          abort: true,
        }),
        z.refine((value) => value.replace(/\D/g, '').length >= 6, 'nomor telepon paling sedikit 6 angka'),
      ),
    ),
  }),
  form: z._default(
    z.strictObject({
      facts: z._default(z.record(z.string().check(z.maxLength(60)), z.union([z.boolean(), z.number()])), {}),
      documents: z._default(z.record(z.string().check(z.maxLength(60)), z.unknown()), {}),
    }),
    { facts: {}, documents: {} },
  ),
  permit: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(5, 'nomor registrasi izin terlalu pendek'),
        z.maxLength(120, 'paling panjang 120 karakter'),
      ),
  ),
  requirements: z._default(
    z
      .array(
        z
          .string()
          .check(z.regex(/^\d+[a-z]?$/, 'nomor persyaratan ditulis dengan angka, boleh diikuti satu huruf (10a)')),
      )
      .check(
        z.maxLength(50, 'paling banyak 50 persyaratan'),
        // A checklist item ticked twice is a client's mistake, not a second item: named, not folded.
        z.superRefine((items, ctx) => {
          const twice = [...new Set(items.filter((item, i) => items.indexOf(item) !== i))];
          if (twice.length)
            ctx.addIssue({
              code: 'custom',
              message: `nomor persyaratan disebut lebih dari sekali: ${twice.join(', ')}`,
            });
        }),
      ),
    [],
  ),
  attachments: z._default(
    z.array(
      z.strictObject({
        name: z.string(),
        contentType: z.string(),
        // Its size is checked once decoded, with the file's name (413); the body limit bounds the text.
        base64: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'isi lampiran harus base64')),
      }),
    ),
    [],
  ),
  // Files posted beforehand to the uploads bucket (POST /api/uploads), read back at the intake.
  uploads: z._default(z.array(z.lazy(() => UploadReferenceFields)), []),
});

export type CaseRequest = Omit<z.infer<typeof CaseFields>, 'attachments' | 'uploads'> & {
  attachments: { name: string; contentType: ContentType; bytes: Uint8Array }[];
};

type RequestFile = { name: string; contentType: string; bytes: Uint8Array };

/** A new case as the API received it, checked: its fields, the files in its body, and the uploads it references. */
export interface CaseSubmission {
  fields: unknown;
  files: RequestFile[];
  uploads: UploadReference[];
}

/**
 * Reads a new case from JSON (attachments base64-encoded) or from multipart/form-data (the case
 * as JSON in the field `case`, the files in `attachments`), and checks it and every attachment in
 * its body; the uploads it references are checked when the intake reads them (claim-uploads.ts).
 */
export async function readCaseRequest(c: Context): Promise<CaseSubmission> {
  const type = c.req.header('content-type') ?? '';
  let fields: unknown;
  let files: { name: string; contentType: string; bytes: Uint8Array }[] = [];
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody({ all: true }).catch(() => undefined);
    if (!form) throw new ParafError('invalid-multipart', 'Formulir multipart tidak dapat dibaca.');
    if (typeof form.case !== 'string')
      throw new ParafError('invalid-request', 'Isian "case" (data permohonan dalam JSON) wajib ada.');
    fields = parseJson(form.case);
    const uploads = ([] as unknown[]).concat(form.attachments ?? []);
    if (uploads.some((file) => !(file instanceof File)))
      throw new ParafError('invalid-request', 'Isian "attachments" harus berkas.');
    files = await Promise.all(
      (uploads as File[]).map(async (file) => ({
        name: file.name,
        contentType: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
  } else if (type.startsWith('application/json')) {
    fields = parseJson(await c.req.text());
  } else {
    throw new ParafError(
      'unsupported-media-type',
      'Kirim permohonan sebagai application/json atau multipart/form-data.',
    );
  }
  if (fields === INVALID) throw new ParafError('invalid-json', 'Isi permintaan bukan JSON yang sah.');
  const { uploads } = checkCaseFields(fields, files);
  return { fields, files, uploads };
}

/**
 * Validates a new case's fields and its attachments, whichever form they came in: in the request
 * (10 MB each) or read back from the uploads bucket (`uploaded`, 30 MB each, issue-upload-form.ts).
 */
export function checkCaseFields(
  fields: unknown,
  files: RequestFile[],
  uploaded: RequestFile[] = [],
): CaseRequest & { uploads: UploadReference[] } {
  const shape = inspectJson(fields, { maxDepth: REQUEST_DEPTH });
  if (shape) {
    const said = describeJsonProblem(shape);
    throw new ParafError('invalid-request', `Isian tidak valid: ${said}`, {
      details: { issues: [{ path: shape.path.split('.'), message: said.replace(`${shape.path}: `, '') }] },
    });
  }
  const parsed = CaseFields.safeParse(fields, { error: indonesianErrors });
  if (!parsed.success)
    throw new ParafError('invalid-request', `Isian tidak valid: ${zodMessage(parsed.error.issues)}`, {
      // Each field by its path, so that the counter's page can name it by its label.
      details: {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
      },
    });
  checkFormSize(parsed.data.form);
  const { attachments: encoded, uploads, ...rest } = parsed.data;
  const all = files.concat(
    encoded.map((file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: new Uint8Array(Buffer.from(file.base64, 'base64')),
    })),
  );
  if (all.length + Math.max(uploaded.length, uploads.length) > MAX_ATTACHMENTS)
    throw new ParafError('invalid-attachment', `Paling banyak ${MAX_ATTACHMENTS} lampiran.`, { problem: 'malformed' });
  checkAttachments(all);
  checkAttachments(uploaded, MAX_UPLOADED_FILE_BYTES);
  return { ...rest, attachments: [...all, ...uploaded] as CaseRequest['attachments'], uploads };
}

/** Every file's name, type, size and first bytes, as the counter checks them; the first wrong one is refused by name. */
export function checkAttachments(
  files: { name: string; contentType: string; bytes: Uint8Array }[],
  maxBytes = MAX_ATTACHMENT_BYTES,
): void {
  for (const file of files) {
    const problem = attachmentProblem(file, maxBytes);
    if (problem)
      throw new ParafError('invalid-attachment', `Lampiran "${printable(file.name)}" ${problem}.`, {
        problem: problem.startsWith('terlalu besar') ? 'too-large' : 'unacceptable',
      });
  }
}

/**
 * The form's size, checked before any number is taken: a form that would not fit the case record
 * (or leave no room for the drafts' data a later step adds) is refused whole, naming the limit.
 */
export function checkFormSize(form: unknown, field = 'form'): void {
  const bytes = jsonBytes(form);
  if (bytes > FORM_LIMITS.maxBytes)
    throw new ParafError(
      'too-large',
      `Isian ${field} terlalu besar: ${kilobytes(bytes)} KB, paling besar ${FORM_LIMITS.maxBytes / 1024} KB.`,
    );
  const problem = inspectJson(form, FORM_LIMITS, [field]);
  if (problem)
    throw new ParafError('too-large', `Isian terlalu besar: ${describeJsonProblem(problem)}.`, {
      problem: 'unacceptable',
    });
}

const kilobytes = (bytes: number) => Math.ceil(bytes / 1024);

/** A file's name, type and size as declared, before its bytes are seen (the upload form's request). */
function declaredProblem(file: { name: string; contentType: string; size: number }, maxBytes: number) {
  if (!SAFE_NAME.test(file.name))
    return 'memakai nama yang tidak diizinkan (hanya huruf, angka, spasi, titik, garis bawah, tanda hubung dan tanda kurung)';
  const spec = TYPES[file.contentType as ContentType];
  if (!spec) return 'harus PDF, JPEG atau PNG';
  if (!spec.extensions.some((ext) => file.name.toLowerCase().endsWith(`.${ext}`)))
    return `harus berakhiran .${spec.extensions.join(' atau .')}`;
  if (file.size === 0) return 'kosong';
  if (file.size > maxBytes) return `terlalu besar (paling besar ${maxBytes / 1024 / 1024} MB)`;
  return undefined;
}

function attachmentProblem(
  file: { name: string; contentType: string; bytes: Uint8Array },
  maxBytes: number,
): string | undefined {
  const declared = declaredProblem({ ...file, size: file.bytes.length }, maxBytes);
  if (declared) return declared;
  const spec = TYPES[file.contentType as ContentType];
  if (!spec.magic.some((magic) => magic.every((byte, i) => file.bytes[i] === byte)))
    return `isinya bukan ${file.contentType === 'application/pdf' ? 'PDF' : file.contentType === 'image/png' ? 'PNG' : 'JPEG'}`;
  return undefined;
}

const DeclaredUpload = z.strictObject({
  name: z.string().check(z.maxLength(400)),
  contentType: z.string().check(z.maxLength(100)),
  size: z.number().check(z.int(), z.nonnegative()),
});

/** The loket's request for an upload form: one file's name, type and size, checked as its bytes will be. */
export function checkDeclaredUpload(fields: unknown): z.infer<typeof DeclaredUpload> {
  const parsed = DeclaredUpload.safeParse(fields, { error: indonesianErrors });
  if (!parsed.success) throw new ParafError('invalid-request', `Isian tidak valid: ${zodMessage(parsed.error.issues)}`);
  const problem = declaredProblem(parsed.data, MAX_UPLOADED_FILE_BYTES);
  if (problem)
    throw new ParafError('invalid-attachment', `Lampiran "${printable(parsed.data.name)}" ${problem}.`, {
      problem: problem.startsWith('terlalu besar') ? 'too-large' : 'unacceptable',
    });
  return parsed.data;
}

const UploadReferenceFields = z.strictObject({
  key: z.string().check(z.maxLength(200)),
  name: z.string().check(z.maxLength(400)),
  contentType: z.string().check(z.maxLength(100)),
  size: z.number().check(z.int(), z.positive()),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'SHA-256 harus 64 digit heksadesimal')),
});

/** The forms' `unggahan` fields: one JSON object per file the browser posted to the uploads bucket. */
export function readUploadReferences(values: readonly string[]): UploadReference[] {
  if (values.length > MAX_ATTACHMENTS)
    throw new ParafError('invalid-attachment', `Paling banyak ${MAX_ATTACHMENTS} lampiran.`, { problem: 'malformed' });
  return values.map((value) => {
    const parsed = UploadReferenceFields.safeParse(parseJson(value), { error: indonesianErrors });
    if (!parsed.success)
      throw new ParafError('invalid-request', `Isian unggahan tidak valid: ${zodMessage(parsed.error.issues)}`);
    return parsed.data;
  });
}

/** A request's JSON body, or null when it is not JSON; a name given twice in one object is refused by name. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const value = parseJson(await c.req.text());
  return value === INVALID ? null : value;
}

const INVALID = Symbol('invalid');
/** JSON from outside, or INVALID; a name given twice in one object is refused by name (repeated-json-key.ts). */
function parseJson(text: string): unknown {
  const parsed = parseStrictJson(text);
  if (parsed?.repeated) throw new ParafError('invalid-json', repeatedKeyMessage(parsed.repeated));
  return parsed ? parsed.value : INVALID;
}

/** Who receives the file: the official signed in at the counter (the loket and POST /api/cases are staff paths). */
export function receivedAtCounter(c: Context): Pick<Application, 'receivedBy'> {
  const official = signedInOfficial(c);
  return official ? { receivedBy: { id: official.id, name: official.name } } : {};
}
