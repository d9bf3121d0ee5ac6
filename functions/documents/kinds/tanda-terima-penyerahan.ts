import * as z from 'zod/mini';
import { berkas, daftar, jam, tanggal, teks } from './common.ts';

/**
 * The receipt of the handover ("Bukti tanda terima surat izin"): what was handed over, to whom, and what
 * the applicant is told at the handover, their rights and duties and where to complain. Built from the
 * case and the catalog (document-data.ts), never typed by staff.
 */
export const schema = z.strictObject({
  ...berkas,
  tanggalSerah: tanggal,
  jamSerah: jam,
  pemohon: z.strictObject({ nama: teks, perusahaan: teks }),
  /** The documents handed over, with their register numbers (null where a document has none). */
  diserahkan: z
    .array(z.strictObject({ judul: teks, nomor: z.nullable(teks) }))
    .check(z.minLength(1, 'paling sedikit 1 dokumen yang diserahkan')),
  /** Who collected it, as Tata Usaha recorded; null leaves the name to be written by hand. */
  penerima: z.nullable(teks),
  hakDanKewajiban: daftar('paling sedikit 1 hak atau kewajiban'),
  pengaduan: daftar('paling sedikit 1 saluran pengaduan'),
  petugas: z.strictObject({ nama: teks, jabatan: teks }),
});
