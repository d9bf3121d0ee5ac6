import * as z from 'zod';
import { orang, pejabat, pelakuUsaha, tanggal, teks } from './common.ts';

/** Minutes of an inspection or a field verification, signed on the spot by the team and the business. */
export const schema = z
  .object({
    tanggal,
    nomorSuratTugas: teks,
    perusahaan: pelakuUsaha,
    pemeriksa: z.array(pejabat).min(1, 'paling sedikit 1 pemeriksa'),
    wakilPerusahaan: orang,
    hasil: z.array(z.object({ aspek: teks, temuan: teks }).strict()).min(1, 'paling sedikit 1 hasil pemeriksaan'),
    kesimpulan: teks,
  })
  .strict();
