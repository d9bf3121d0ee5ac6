import * as z from 'zod/mini';
import { KESIMPULAN } from './field-labels.ts';
import { reportKind, teks } from './common.ts';

/** Report of a virtual consultation session (Kolosal, DALAK 007); the drafter's form names its fields in order. */
export const { schema, labels } = reportKind(
  {
    kegiatan: teks,
    waktu: teks,
    media: teks,
    permasalahan: z
      .array(z.strictObject({ pelakuUsaha: teks, masalah: teks, tanggapan: teks }))
      .check(z.minLength(1, 'paling sedikit 1 permasalahan')),
    kesimpulan: teks,
  },
  {
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
    kesimpulan: KESIMPULAN,
  },
);
