import * as z from 'zod';
import { daftar, pejabat, tanggal, teks } from './common.ts';

/** Minutes of a guidance session or a workshop, signed by the note-taker and the chair. */
export const schema = z
  .object({
    tanggal,
    kegiatan: teks,
    tempat: teks,
    waktu: teks,
    jumlahPeserta: z.number().int().positive('harus lebih dari 0'),
    pembahasan: daftar('paling sedikit 1 pokok pembahasan'),
    kesimpulan: daftar('paling sedikit 1 kesimpulan'),
    tindakLanjut: daftar('paling sedikit 1 tindak lanjut'),
    pimpinan: pejabat,
    notulis: pejabat,
  })
  .strict();
