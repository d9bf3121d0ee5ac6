import * as z from 'zod';
import { nib, orang, tanggal, teks } from './common.ts';

/** Minutes of monitoring the realisation of investment of the monitored businesses (DALAK 001). */
export const schema = z
  .object({
    tanggal,
    lokasi: teks,
    tim: z.array(orang).min(1, 'paling sedikit 1 anggota tim'),
    perusahaan: z
      .array(z.object({ nama: teks, nib, lkpmTerakhir: teks, realisasi: teks, keterangan: teks }).strict())
      .min(1, 'paling sedikit 1 perusahaan'),
    kesimpulan: teks,
  })
  .strict();
