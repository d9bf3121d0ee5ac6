import * as z from 'zod';
import { penandatangan, tanggal, teks } from './common.ts';

/** Attendance list of a technical workshop (Bimtek): one row per participant, signed on the day. */
export const schema = z
  .object({
    tanggal,
    kegiatan: teks,
    tempat: teks,
    peserta: z
      .array(z.object({ nama: teks, jabatan: teks, perusahaan: teks }).strict())
      .min(1, 'paling sedikit 1 peserta'),
    penandatangan,
  })
  .strict();
