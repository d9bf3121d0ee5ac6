import * as z from 'zod';
import { daftar, laporan, teks } from './common.ts';

/** Report of monitoring the licensing service with the technical teams (DALAK 005). */
export const schema = z
  .object({
    ...laporan,
    periode: teks,
    ringkasan: teks,
    koordinasi: z.array(z.object({ instansi: teks, hasil: teks }).strict()).min(1, 'paling sedikit 1 hasil koordinasi'),
    evaluasi: teks,
    rekomendasi: daftar('paling sedikit 1 rekomendasi'),
  })
  .strict();
