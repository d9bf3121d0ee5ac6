import * as z from 'zod/mini';
import { RINGKASAN } from './field-labels.ts';
import { reportKind, tanggal, teks } from './common.ts';

/** Report of the LKPM helpdesk for a period (DALAK 008); the drafter's form names its fields in order. */
export const { schema, labels } = reportKind(
  {
    periode: teks,
    layanan: z
      .array(z.strictObject({ tanggal, pelakuUsaha: teks, permasalahan: teks, penyelesaian: teks }))
      .check(z.minLength(1, 'paling sedikit 1 layanan')),
    ringkasan: teks,
  },
  {
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
    ringkasan: RINGKASAN,
  },
);
