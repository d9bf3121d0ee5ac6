import * as z from 'zod';
import { penandatangan, type PermitHolder, perusahaan, tanggal, teks } from './common.ts';

/** Extension of the permit to employ a foreign worker, on the technical recommendation of the agency. */
export const schema = z
  .object({
    tanggal,
    perusahaan,
    tka: z.object({ nama: teks, kewarganegaraan: teks, nomorPaspor: teks, jabatan: teks, lokasiKerja: teks }).strict(),
    tkiPendamping: z.object({ nama: teks, jabatan: teks }).strict(),
    rptka: z.object({ nomor: teks, tanggal }).strict(),
    rekomendasi: z.object({ instansi: teks, nomor: teks, tanggal }).strict(),
    berlaku: z
      .object({ mulai: tanggal, sampai: tanggal })
      .strict()
      .refine((b) => b.mulai < b.sampai, 'tanggal akhir harus sesudah tanggal mulai'),
    penandatangan,
  })
  .strict();

/** The employer the IMTA extension is issued to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({
  name: data.perusahaan.nama,
  nib: data.perusahaan.nib,
  npwp: data.perusahaan.npwp,
});
