import * as z from 'zod';
import { type FieldLabels, LAPORAN } from './field-labels.ts';
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

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...LAPORAN,
  periode: { label: 'Periode laporan' },
  layanan: {
    label: 'Layanan helpdesk',
    row: 'Layanan',
    fields: {
      tanggal: { label: 'Tanggal' },
      pelakuUsaha: { label: 'Pelaku usaha' },
      permasalahan: { label: 'Permasalahan', long: true },
      penyelesaian: { label: 'Penyelesaian', long: true },
    },
  },
  ringkasan: { label: 'Ringkasan', long: true },
};
