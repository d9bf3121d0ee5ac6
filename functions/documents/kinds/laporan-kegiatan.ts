import * as z from 'zod';
import { type FieldLabels, LAPORAN } from './field-labels.ts';
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

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...LAPORAN,
  kegiatan: { label: 'Nama kegiatan' },
  waktu: { label: 'Waktu pelaksanaan' },
  media: { label: 'Media', help: 'misalnya Zoom Meeting' },
  permasalahan: {
    label: 'Permasalahan yang dibahas',
    row: 'Permasalahan',
    fields: {
      pelakuUsaha: { label: 'Pelaku usaha' },
      masalah: { label: 'Masalah', long: true },
      tanggapan: { label: 'Tanggapan', long: true },
    },
  },
  kesimpulan: { label: 'Kesimpulan', long: true },
};
