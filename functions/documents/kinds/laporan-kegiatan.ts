import * as z from 'zod';
import { laporan, teks } from './common.ts';

/** Report of a virtual consultation session (Kolosal, DALAK 007). */
export const schema = z
  .object({
    ...laporan,
    kegiatan: teks,
    waktu: teks,
    media: teks,
    permasalahan: z
      .array(z.object({ pelakuUsaha: teks, masalah: teks, tanggapan: teks }).strict())
      .min(1, 'paling sedikit 1 permasalahan'),
    kesimpulan: teks,
  })
  .strict();
