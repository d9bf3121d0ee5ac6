import * as z from 'zod/mini';
import { NOMOR_SURAT_TUGAS, PELAKU_USAHA, REKOMENDASI, RINGKASAN } from './field-labels.ts';
import { daftar, pelakuUsaha, reportKind, teks } from './common.ts';

/** Supervision report after an inspection, the basis of the Kepala's follow-up; the form names its fields in order. */
export const { schema, labels } = reportKind(
  {
    nomorSuratTugas: teks,
    perusahaan: pelakuUsaha,
    ringkasan: teks,
    temuan: z
      .array(
        z.strictObject({
          aspek: teks,
          uraian: teks,
          status: z.enum(['Sesuai', 'Tidak sesuai', 'Perlu tindak lanjut'], {
            error: 'harus Sesuai, Tidak sesuai atau Perlu tindak lanjut',
          }),
        }),
      )
      .check(z.minLength(1, 'paling sedikit 1 temuan')),
    rekomendasi: daftar('paling sedikit 1 rekomendasi'),
  },
  {
    nomorSuratTugas: NOMOR_SURAT_TUGAS,
    perusahaan: { label: 'Pelaku usaha yang diawasi', fields: PELAKU_USAHA },
    ringkasan: RINGKASAN,
    temuan: {
      label: 'Temuan',
      row: 'Temuan',
      fields: { aspek: { label: 'Aspek' }, uraian: { label: 'Uraian', long: true }, status: { label: 'Status' } },
    },
    rekomendasi: REKOMENDASI,
  },
);
