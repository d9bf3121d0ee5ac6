import * as z from 'zod';
import { laporan, tanggal, teks } from './common.ts';

/** Report of the LKPM helpdesk for a period (DALAK 008). */
export const schema = z
  .object({
    ...laporan,
    periode: teks,
    layanan: z
      .array(z.object({ tanggal, pelakuUsaha: teks, permasalahan: teks, penyelesaian: teks }).strict())
      .min(1, 'paling sedikit 1 layanan'),
    ringkasan: teks,
  })
  .strict();
