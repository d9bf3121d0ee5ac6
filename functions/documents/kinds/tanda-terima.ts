import * as z from 'zod/mini';
import { berkas, jam, tanggal, teks } from './common.ts';

/** One sheet, as the applicant keeps it: the longest checklist with the longest name and address the counter takes is set smaller, not run onto a second page. */
export const onePage = true;

/** The receipt the counter prints at registration: it starts the service clock and is shown again at pickup. */
export const schema = z.strictObject({
  ...berkas,
  tanggalTerima: tanggal,
  jamTerima: jam,
  /** Null where the count starts later (with the technical recommendation): `janjiPenyelesaian` says when. */
  tanggalJanjiSelesai: z.nullable(tanggal),
  janjiPenyelesaian: teks,
  pemohon: z.strictObject({ nama: teks, perusahaan: teks, alamat: teks, telepon: teks }),
  /** The issued permit an inspection or revocation acts on, by its registration number. */
  izin: z.optional(teks),
  /** Empty where the SOP has no checklist (the DALAK activities): the receipt then only records the file. */
  persyaratan: z.array(z.strictObject({ nomor: teks, uraian: teks, ada: z.boolean() })),
  /** Why the numbers skip, where the facts left some of the SOP's requirements out (sop/requirement-numbers.ts). */
  catatanNomor: z.optional(teks),
  petugas: z.strictObject({ nama: teks, jabatan: teks }),
  /** Where the applicant can complain: the SOP's channels, or the office's where the SOP names none. */
  pengaduan: z._default(z.array(teks), []),
  /** Where the applicant checks the file's status (Cek status): on the sheet printed for them, which an applicant without e-mail has alone. */
  alamatCekStatus: z.optional(teks),
});
