import * as z from 'zod';
import { type FieldLabels, LAPORAN, PELAKU_USAHA } from './field-labels.ts';
import { daftar, laporan, pelakuUsaha, teks } from './common.ts';

/** Supervision report after an inspection, the basis of the Kepala's follow-up. */
export const schema = z
  .object({
    ...laporan,
    nomorSuratTugas: teks,
    perusahaan: pelakuUsaha,
    ringkasan: teks,
    temuan: z
      .array(
        z
          .object({
            aspek: teks,
            uraian: teks,
            status: z.enum(['Sesuai', 'Tidak sesuai', 'Perlu tindak lanjut'], {
              error: 'harus Sesuai, Tidak sesuai atau Perlu tindak lanjut',
            }),
          })
          .strict(),
      )
      .min(1, 'paling sedikit 1 temuan'),
    rekomendasi: daftar('paling sedikit 1 rekomendasi'),
  })
  .strict();

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...LAPORAN,
  nomorSuratTugas: { label: 'Nomor Surat Tugas' },
  perusahaan: { label: 'Pelaku usaha yang diawasi', fields: PELAKU_USAHA },
  ringkasan: { label: 'Ringkasan', long: true },
  temuan: {
    label: 'Temuan',
    row: 'Temuan',
    fields: { aspek: { label: 'Aspek' }, uraian: { label: 'Uraian', long: true }, status: { label: 'Status' } },
  },
  rekomendasi: { label: 'Rekomendasi', row: 'Rekomendasi', long: true },
};
