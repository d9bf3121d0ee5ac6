import * as z from 'zod/mini';
import type { Sop } from '#sop/schema.ts';
import type { PermitHolder } from './common.ts';
import type { FieldLabels } from './field-labels.ts';
import { objectShape } from './field-types.ts';
import * as apiU from './api-u.ts';
import * as beritaAcaraPemantauan from './berita-acara-pemantauan.ts';
import * as beritaAcaraPemeriksaan from './berita-acara-pemeriksaan.ts';
import * as daftarPeserta from './daftar-peserta.ts';
import * as hasilVerifikasiLkpm from './hasil-verifikasi-lkpm.ts';
import * as imta from './imta.ts';
import * as laporanHelpdesk from './laporan-helpdesk.ts';
import * as laporanKegiatan from './laporan-kegiatan.ts';
import * as laporanPemantauan from './laporan-pemantauan.ts';
import * as laporanPengawasan from './laporan-pengawasan.ts';
import * as notaDinas from './nota-dinas.ts';
import * as notulensiPembinaan from './notulensi-pembinaan.ts';
import * as pemberitahuanInspeksi from './pemberitahuan-inspeksi.ts';
import * as rekomendasiEo from './rekomendasi-eo.ts';
import * as rekomendasiPencabutan from './rekomendasi-pencabutan.ts';
import * as skPencabutan from './sk-pencabutan.ts';
import * as suratPengantar from './surat-pengantar.ts';
import * as suratTugas from './surat-tugas.ts';
import * as tandaTerima from './tanda-terima.ts';
import * as tandaTerimaPenyerahan from './tanda-terima-penyerahan.ts';
import * as undanganPembinaan from './undangan-pembinaan.ts';

export interface DocumentKind {
  schema: z.ZodMiniType;
  /**
   * Whom the document is issued to, read from its data (valid by `schema`), where it names one.
   * A method, so that each kind's holder may take its own schema's type.
   */
  holder?(data: unknown): PermitHolder;
  /** What the drafter's form starts with, taken from the SOP (an SK's "Mengingat" from its dasar hukum). */
  prefill?(sop: Sop): Record<string, unknown>;
  /**
   * What the drafter's form starts with, read from the facts the loket ticked on the SOP's checklist
   * (a change or a new API-U, how many signatories and of which nationality).
   */
  fromFacts?(facts: Record<string, unknown>): Record<string, unknown>;
  /** The drafter's form: each field's label and help, in the form's order (every kind a person drafts has one). */
  labels?: FieldLabels;
  /** Printed on one sheet whatever its data: set smaller until it fits (pdf/render-one-page.ts). */
  onePage?: boolean;
}

/** Every document kind Paraf can render: its data schema; its template is templates/<kind>.hbs. */
export const DOCUMENT_KINDS: Readonly<Record<string, DocumentKind>> = {
  'api-u': apiU,
  imta,
  'rekomendasi-eo': rekomendasiEo,
  'tanda-terima': tandaTerima,
  'tanda-terima-penyerahan': tandaTerimaPenyerahan,
  'surat-pengantar': suratPengantar,
  'surat-tugas': suratTugas,
  'pemberitahuan-inspeksi': pemberitahuanInspeksi,
  'berita-acara-pemeriksaan': beritaAcaraPemeriksaan,
  'laporan-pengawasan': laporanPengawasan,
  'berita-acara-pemantauan': beritaAcaraPemantauan,
  'laporan-pemantauan': laporanPemantauan,
  'notulensi-pembinaan': notulensiPembinaan,
  'undangan-pembinaan': undanganPembinaan,
  'nota-dinas': notaDinas,
  'daftar-peserta': daftarPeserta,
  'hasil-verifikasi-lkpm': hasilVerifikasiLkpm,
  'laporan-kegiatan': laporanKegiatan,
  'laporan-helpdesk': laporanHelpdesk,
  'sk-pencabutan': skPencabutan,
  'rekomendasi-pencabutan': rekomendasiPencabutan,
};

/** The holder a document prints, or undefined where its kind names none or its data is not valid. */
export function printedHolder(kind: string, data: unknown): PermitHolder | undefined {
  const spec = DOCUMENT_KINDS[kind];
  if (!spec?.holder) return undefined;
  // The case keeps the drafter's data, without the signature block Paraf adds when it renders.
  const parsed = z.safeParse(draftSchemaOf(kind) ?? spec.schema, data);
  return parsed.success ? spec.holder(parsed.data) : undefined;
}

/**
 * The data a drafter starts from: what the kind takes from the loket's facts and from the SOP, under
 * what the case already holds.
 */
export function startingData(sop: Sop, kind: string, current: unknown, facts: Record<string, unknown> = {}): unknown {
  const { fromFacts, fromSop } = prefillOf(sop, kind, facts);
  const prefill = fromFacts || fromSop ? { ...fromFacts, ...fromSop } : undefined;
  if (!prefill) return current ?? {};
  return current && typeof current === 'object' && !Array.isArray(current) ? { ...prefill, ...current } : prefill;
}

function prefillOf(sop: Sop, kind: string, facts: Record<string, unknown>) {
  const documentKind = DOCUMENT_KINDS[kind];
  return { fromFacts: documentKind?.fromFacts?.(facts), fromSop: documentKind?.prefill?.(sop) };
}

/**
 * Where a drafter's form starts besides the case, for the page to say so: the loket's checklist
 * answers (only until a draft is saved, which then wins), and the SOP (an SK's Mengingat).
 */
export function prefillSources(
  sop: Sop,
  kind: string,
  current: unknown,
  facts: Record<string, unknown> = {},
): { checklist: boolean; sop: boolean } {
  const { fromFacts } = prefillOf(sop, kind, facts);
  return {
    checklist: current === undefined && Object.keys(fromFacts ?? {}).length > 0,
    sop: DOCUMENT_KINDS[kind]?.prefill !== undefined,
  };
}

/**
 * Whether a kind prints a signature block (`penandatangan`): Paraf fills it from the staff directory
 * when it renders a case's document, and a draft may not give it.
 */
export function printsSignatureBlock(kind: string): boolean {
  const shape = objectShape(DOCUMENT_KINDS[kind]?.schema);
  return shape !== undefined && 'penandatangan' in shape;
}

/** The block as a kind's schema takes it: a memo's (nota dinas) has no capacity, for instance. */
export function fitSignatureBlock(kind: string, block: Record<string, unknown>): Record<string, unknown> {
  const fields = objectShape(objectShape(DOCUMENT_KINDS[kind]?.schema)?.penandatangan);
  if (!fields) return block;
  return Object.fromEntries(Object.entries(block).filter(([name]) => name in fields));
}

/** The schema of what a drafter gives for a kind: its data without the signature block Paraf fills. */
export function draftSchemaOf(kind: string): z.ZodMiniType | undefined {
  const schema = DOCUMENT_KINDS[kind]?.schema;
  if (!schema) return undefined;
  // Read from the definition, as printsSignatureBlock reads it: the two cannot disagree.
  return printsSignatureBlock(kind) ? z.omit(schema as z.ZodMiniObject, { penandatangan: true }) : schema;
}
