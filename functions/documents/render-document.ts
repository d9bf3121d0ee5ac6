import { officeLetterhead } from '#config/office-letterhead.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { indonesianErrors } from '#validation/indonesian-errors.ts';
import { revisionLabel, stepNumbered, type DocumentSpec, type Sop } from '#sop/schema.ts';
import { DOCUMENT_KINDS, type DocumentKind } from './kinds/index.ts';
import { KIND_SHEETS } from './kinds/sheets.ts';
import type { DocumentModel } from './model.ts';
import { parseMarkup } from './parse-markup.ts';
import { copyNumbers } from './copies.ts';
import { draftNotice } from './draft-docx.ts';
import { renderPdfOnOnePage } from './pdf/render-one-page.ts';
import { renderPdf, type SlotPosition } from './pdf/render-pdf.ts';
import { runTemplate } from './template-engine.ts';

/**
 * Bad input, for the person who gave it, in Bahasa Indonesia: data that does not fit its kind
 * (`invalid-document`, each problem naming the field) or a document the SOP has no template for
 * (`unknown-document`). `paraf render` tells these apart from its own faults by the class.
 */
export class DocumentDataError extends ParafError {
  constructor(
    code: 'invalid-document' | 'unknown-document',
    message: string,
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(code, message, problems.length ? { details: { problems } } : {});
  }
}

export interface RenderedCopy {
  copy: 1 | 2 | 3;
  label: string;
  pdf: Uint8Array;
  pageCount: number;
  slots: SlotPosition[];
}

export interface RenderedDocument {
  kind: string;
  title: string;
  copies: RenderedCopy[];
  docx: Uint8Array;
}

/** Keys the renderer adds beside the document's data; a kind's data must not use them. */
const RESERVED_KEYS = ['kantor', 'dokumen', 'sop', 'rangkap', 'paraf', 'verifikasi'] as const;

/**
 * A document the catalog issues once (`copies: 1`) is no permit's verification copy. The seeds say
 * nothing more of most reports and letters than that they are made and filed: one sheet, no copies;
 * a kind whose sheet is kept otherwise says so itself (kinds/sheets.ts, as the handover receipt).
 */
const SINGLE_SHEET = 'Tanpa rangkap: disimpan dalam arsip berkas';

/** What each copy is for, as its footer and the pages' download links name it: as its kind says, else a permit's. */
export function copyLabel(
  copy: 0 | 1 | 2 | 3,
  sop: Pick<Sop, 'family'>,
  document?: Pick<DocumentSpec, 'kind' | 'copies'>,
): string {
  if (copy === 0) return 'Draf untuk diperiksa dan diparaf';
  const declared = document && KIND_SHEETS[document.kind]?.purposes?.[copy];
  if (declared) return declared;
  if (document && copyNumbers(document).length === 1) return SINGLE_SHEET;
  if (copy === 1) return 'Rangkap 1: untuk verifikasi (paraf lengkap)';
  if (copy === 2)
    return sop.family === 'licensing' ? 'Rangkap 2: untuk pemohon' : 'Rangkap 2: untuk pihak yang bersangkutan';
  return 'Rangkap 3: untuk arsip';
}

function validate(kind: string, schema: DocumentKind['schema'], data: unknown): Record<string, unknown> {
  const result = schema.safeParse(data, { error: indonesianErrors });
  if (result.success) return result.data as Record<string, unknown>;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(data)',
    message: issue.message,
  }));
  throw new DocumentDataError(
    'invalid-document',
    `Data ${kind} tidak valid:\n${problems.map((p) => `- ${p.field}: ${p.message}`).join('\n')}`,
    problems,
  );
}

export interface RenderOptions {
  /**
   * The public verification address of the issued document (its QR code's target): drawn as a QR
   * code in the "qr-verifikasi" area with the address and the statement under it. Drafts and
   * examples go without; the area then stays an empty frame.
   */
  verificationUrl?: string;
  /** Who issued the signing certificates, named in that statement (config/office.json certificateIssuer). */
  certificateIssuer?: string;
}

/** What the template gives each copy (three of a permit, one of a single sheet) and the draft, before any format. */
export interface DocumentModels {
  /** The PDF's title (the document's) and subject (its SOP). */
  metadata: { title: string; subject: string };
  date: Date;
  copies: { copy: 1 | 2 | 3; model: DocumentModel }[];
  draft: DocumentModel;
}

/**
 * Validates the data, then runs the kind's template twice: with the paraf boxes of the SOP's
 * reviewers (copy 1 and the draft) and without (copies 2 and 3, a permit's only); the copies differ
 * otherwise only in their footer. The documents benchmark hands the same models to its Chromium peer.
 */
export function documentModels(sop: Sop, kind: string, data: unknown, options: RenderOptions = {}): DocumentModels {
  const spec = sop.documents.find((doc) => doc.kind === kind);
  if (!spec)
    throw new DocumentDataError(
      'unknown-document',
      `${sop.id} tidak menghasilkan dokumen "${kind}". Dokumen SOP ini: ${sop.documents.map((d) => d.kind).join(', ')}`,
    );
  const definition = DOCUMENT_KINDS[kind];
  if (!definition) throw new DocumentDataError('unknown-document', `Dokumen "${kind}" belum memiliki templat`);
  const values = validate(kind, definition.schema, data);
  const clash = RESERVED_KEYS.filter((key) => key in values);
  if (clash.length) throw new Error(`the data schema of ${kind} uses reserved template keys: ${clash.join(', ')}`);
  const paraf = spec.parafAt.map((no) => {
    const { lane } = stepNumbered(sop, no);
    const jabatan = sop.lanes.find((l) => l.id === lane)?.label;
    if (jabatan === undefined)
      throw new Error(`${sop.id}: step ${no} is on lane "${lane}", which the SOP does not list`);
    return { langkah: no, jabatan };
  });
  // Copies differ only in the paraf boxes (copy 1 and the draft) and the footer: two template runs serve four renders.
  const modelWith = (verifikasi: boolean) =>
    parseMarkup(
      runTemplate(kind, {
        ...values,
        kantor: officeLetterhead(),
        dokumen: { jenis: kind, judul: spec.title, kop: spec.letterhead },
        sop: {
          id: sop.id,
          judul: sop.title,
          revisi: revisionLabel(sop),
          produk: sop.product?.name ?? '',
          masaBerlaku: sop.product?.validity ?? '',
        },
        rangkap: { verifikasi },
        paraf,
        ...(options.verificationUrl
          ? { verifikasi: { url: options.verificationUrl, penerbit: options.certificateIssuer ?? '' } }
          : {}),
      }),
    );
  const withParaf = modelWith(true);
  const withoutParaf = modelWith(false);
  const metadata = { title: spec.title, subject: `${sop.id}: ${sop.title}` };
  const date = typeof values.tanggal === 'string' ? new Date(`${values.tanggal}T00:00:00Z`) : new Date();

  const copies = copyNumbers(spec).map((copy) => ({
    copy,
    model: { ...(copy === 1 ? withParaf : withoutParaf), footerNote: copyLabel(copy, sop, spec) },
  }));
  return { metadata, date, copies, draft: { ...withParaf, footerNote: copyLabel(0, sop) } };
}

/**
 * Renders one document of an SOP: its PDF copies (copyNumbers) and the editable DOCX draft, from the models
 * above. Nothing is written here; a caller writes the result only when all of it succeeded.
 */
export async function renderDocument(
  sop: Sop,
  kind: string,
  data: unknown,
  options: RenderOptions = {},
): Promise<RenderedDocument> {
  const { metadata, date, copies: models, draft } = documentModels(sop, kind, data, options);
  const qrCodes = options.verificationUrl ? { 'qr-verifikasi': options.verificationUrl } : undefined;
  const copies: RenderedCopy[] = [];
  const render = DOCUMENT_KINDS[kind]?.onePage ? renderPdfOnOnePage : renderPdf;
  for (const { copy, model } of models) {
    const pdf = await render(model, { ...metadata, date, qrCodes });
    copies.push({ copy, label: model.footerNote, pdf: pdf.bytes, pageCount: pdf.pageCount, slots: pdf.slots });
  }
  const numbered = copies[0]?.slots.some((slot) => slot.name === 'nomor-registrasi') ?? false;
  // Loaded when the first draft is made: a Lambda that only signs or numbers never evaluates the docx library at init.
  const { renderDocx } = await import('./render-docx.ts');
  const docx = await renderDocx(draft, { ...metadata, notice: draftNotice(numbered) });
  return { kind, title: metadata.title, copies, docx };
}
