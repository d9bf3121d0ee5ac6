import * as z from 'zod/mini';
import { PELAKU_USAHA, labelsOf } from './field-labels.ts';
import { pelakuUsaha, reportKind, teks } from './common.ts';

/** Result of verifying one investment activity report (LKPM): approved, or returned to the business. */
const report = reportKind(
  {
    periode: z.strictObject({
      triwulan: z.enum(['I', 'II', 'III', 'IV'], { error: 'harus I, II, III atau IV' }),
      tahun: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
    }),
    perusahaan: pelakuUsaha,
    hasil: z.enum(['disetujui', 'dikembalikan'], { error: 'harus "disetujui" atau "dikembalikan"' }),
    rincian: z
      .array(
        z.strictObject({
          aspek: teks,
          status: z.enum(['Sesuai', 'Tidak sesuai'], { error: 'harus Sesuai atau Tidak sesuai' }),
          catatan: teks,
        }),
      )
      .check(z.minLength(1, 'paling sedikit 1 aspek')),
  },
  {
    periode: { label: 'Periode LKPM', fields: labelsOf({ triwulan: 'Triwulan', tahun: 'Tahun' }) },
    perusahaan: { label: 'Pelaku usaha', fields: PELAKU_USAHA },
    hasil: { label: 'Hasil verifikasi' },
    rincian: {
      label: 'Rincian verifikasi',
      row: 'Aspek',
      fields: { aspek: { label: 'Aspek' }, status: { label: 'Status' }, catatan: { label: 'Catatan', long: true } },
    },
  },
);

export const schema = report.schema.check(
  z.refine((d) => d.hasil === 'dikembalikan' || d.rincian.every((r) => r.status === 'Sesuai'), {
    path: ['hasil'],
    message: 'LKPM dengan aspek yang tidak sesuai harus dikembalikan',
  }),
);

/** The drafter's form: labels, help and order. */
export const labels = report.labels;
