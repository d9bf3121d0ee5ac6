import * as z from 'zod/mini';
import { REKOMENDASI, RINGKASAN } from './field-labels.ts';
import { daftar, reportKind, teks } from './common.ts';

/** Report of monitoring the licensing service with the technical teams (DALAK 005); the form names its fields in order. */
export const { schema, labels } = reportKind(
  {
    periode: teks,
    ringkasan: teks,
    koordinasi: z
      .array(z.strictObject({ instansi: teks, hasil: teks }))
      .check(z.minLength(1, 'paling sedikit 1 hasil koordinasi')),
    evaluasi: teks,
    rekomendasi: daftar('paling sedikit 1 rekomendasi'),
  },
  {
    periode: { label: 'Periode pemantauan' },
    ringkasan: RINGKASAN,
    koordinasi: {
      label: 'Hasil koordinasi dengan tim teknis',
      row: 'Koordinasi',
      fields: { instansi: { label: 'Instansi' }, hasil: { label: 'Hasil', long: true } },
    },
    evaluasi: { label: 'Evaluasi', long: true },
    rekomendasi: REKOMENDASI,
  },
);
