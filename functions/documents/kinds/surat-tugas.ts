import * as z from 'zod';
import { nib, pejabat, penandatangan, type PermitHolder, tanggal, teks } from './common.ts';

/** Assignment letter for an inspection or a field verification, issued a day before it. */
export const schema = z
  .object({
    tanggal,
    dasar: z.array(teks).min(1, 'paling sedikit 1 dasar'),
    petugas: z.array(pejabat).min(1, 'paling sedikit 1 petugas'),
    untuk: z.array(teks).min(1, 'paling sedikit 1 tugas'),
    perusahaan: z.object({ nama: teks, nib, alamat: teks }).strict(),
    waktu: z
      .object({ mulai: tanggal, selesai: tanggal })
      .strict()
      .refine((w) => w.mulai <= w.selesai, 'tanggal selesai sebelum tanggal mulai'),
    penandatangan,
  })
  .strict();

/** The company the officials are sent to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({
  name: data.perusahaan.nama,
  nib: data.perusahaan.nib,
});
