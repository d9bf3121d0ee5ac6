import * as z from 'zod/mini';
import { type FieldLabels, PEJABAT } from './field-labels.ts';
import { daftar, pejabat, tanggal, teks } from './common.ts';

/** Minutes of a guidance session or a workshop, signed by the note-taker and the chair. */
export const schema = z.strictObject({
  tanggal,
  kegiatan: teks,
  tempat: teks,
  waktu: teks,
  jumlahPeserta: z.number().check(z.int(), z.positive('harus lebih dari 0')),
  pembahasan: daftar('paling sedikit 1 pokok pembahasan'),
  kesimpulan: daftar('paling sedikit 1 kesimpulan'),
  tindakLanjut: daftar('paling sedikit 1 tindak lanjut'),
  pimpinan: pejabat,
  notulis: pejabat,
});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: { label: 'Tanggal kegiatan' },
  kegiatan: { label: 'Nama kegiatan' },
  tempat: { label: 'Tempat' },
  waktu: { label: 'Waktu', help: 'misalnya 09.00 - 12.00 WITA' },
  jumlahPeserta: { label: 'Jumlah peserta' },
  pembahasan: { label: 'Pokok pembahasan', row: 'Pokok pembahasan', long: true },
  kesimpulan: { label: 'Kesimpulan', row: 'Kesimpulan', long: true },
  tindakLanjut: { label: 'Tindak lanjut', row: 'Tindak lanjut', long: true },
  pimpinan: { label: 'Pimpinan rapat', fields: PEJABAT },
  notulis: { label: 'Notulis', fields: PEJABAT },
};
