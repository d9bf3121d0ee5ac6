import * as z from 'zod/mini';
import { type FieldLabels, SURAT } from './field-labels.ts';
import { daftar, pejabat, surat, tanggal, teks } from './common.ts';

/**
 * An internal memo (nota dinas) from an official to another inside the office: DALAK 004's step 2 prepares
 * it with the Bimtek invitation ("surat undangan dan nota dinas"). Signed by its sender, whom
 * config/signers.json names, and numbered in its own register once signed.
 */
export const schema = z.strictObject({
  tanggal,
  /** The addressee's position ("Kepala Dinas Penanaman Modal dan ..."). */
  kepada: teks,
  sifat: surat.sifat,
  lampiran: surat.lampiran,
  perihal: teks,
  /** The memo's paragraphs. */
  isi: daftar('paling sedikit 1 paragraf'),
  tembusan: z._default(z.array(teks), []),
  /** The sender, who signs: "Dari" is their position. */
  penandatangan: pejabat,
});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: SURAT.tanggal,
  kepada: { label: 'Kepada (jabatan)' },
  sifat: SURAT.sifat,
  lampiran: SURAT.lampiran,
  perihal: SURAT.perihal,
  isi: { label: 'Isi nota dinas', row: 'Paragraf', long: true },
  tembusan: SURAT.tembusan,
};
