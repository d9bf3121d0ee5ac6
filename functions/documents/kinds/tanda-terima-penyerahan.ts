import * as z from 'zod';
import { berkas, daftar, jam, tanggal, teks } from './common.ts';

/**
 * The receipt of the handover ("Bukti tanda terima surat izin"): what was handed over, to whom, and what
 * the applicant is told at the handover, their rights and duties and where to complain. Built from the
 * case and the catalog (document-data.ts), never typed by staff.
 */
export const schema = z
  .object({
    ...berkas,
    tanggalSerah: tanggal,
    jamSerah: jam,
    pemohon: z.object({ nama: teks, perusahaan: teks }).strict(),
    /** The documents handed over, with their register numbers (null where a document has none). */
    diserahkan: z
      .array(z.object({ judul: teks, nomor: teks.nullable() }).strict())
      .min(1, 'paling sedikit 1 dokumen yang diserahkan'),
    /** Who collected it, as Tata Usaha recorded; null leaves the name to be written by hand. */
    penerima: teks.nullable(),
    hakDanKewajiban: daftar('paling sedikit 1 hak atau kewajiban'),
    pengaduan: daftar('paling sedikit 1 saluran pengaduan'),
    petugas: z.object({ nama: teks, jabatan: teks }).strict(),
  })
  .strict();
