import * as z from 'zod';
import { type FieldLabels, LAPORAN } from './field-labels.ts';
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

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...LAPORAN,
  periode: { label: 'Periode pemantauan' },
  ringkasan: { label: 'Ringkasan', long: true },
  koordinasi: {
    label: 'Hasil koordinasi dengan tim teknis',
    row: 'Koordinasi',
    fields: { instansi: { label: 'Instansi' }, hasil: { label: 'Hasil', long: true } },
  },
  evaluasi: { label: 'Evaluasi', long: true },
  rekomendasi: { label: 'Rekomendasi', row: 'Rekomendasi', long: true },
};
