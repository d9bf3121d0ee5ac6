import * as z from 'zod';
import { penandatangan, type PermitHolder, tanggal, teks } from './common.ts';

/** Recommendation for an exhibition organiser, issued on the agency's technical recommendation (pertek). */
export const schema = z
  .object({
    tanggal,
    pemohon: z.object({ nama: teks, nik: z.string().regex(/^\d{16}$/, 'NIK harus 16 angka'), alamat: teks }).strict(),
    penyelenggara: z.object({ nama: teks, alamat: teks }).strict(),
    kegiatan: z
      .object({ nama: teks, tempat: teks, mulai: tanggal, selesai: tanggal })
      .strict()
      .refine((k) => k.mulai <= k.selesai, 'tanggal selesai sebelum tanggal mulai'),
    pertek: z.object({ instansi: teks, nomor: teks, tanggal }).strict(),
    ketentuan: z.array(teks).min(1, 'paling sedikit 1 ketentuan'),
    penandatangan,
  })
  .strict();

/** The recommendation is addressed to the organiser (EO), printed in bold, not to the person who applied. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({ name: data.penyelenggara.nama });
