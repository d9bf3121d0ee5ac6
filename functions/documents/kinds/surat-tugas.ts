import * as z from 'zod';
import { type FieldLabels, PEJABAT, PELAKU_USAHA, TANGGAL } from './field-labels.ts';
import { nib, pejabat, penandatangan, type PermitHolder, tanggal, teks, companyHolder } from './common.ts';

/** Assignment letter for an inspection or a field verification, issued a day before it. */
export const schema = z
  .object({
    tanggal,
    dasar: z.array(teks).min(1, 'paling sedikit 1 dasar'),
    petugas: z.array(pejabat).min(1, 'paling sedikit 1 petugas'),
    untuk: z.array(teks).min(1, 'paling sedikit 1 tugas'),
    perusahaan: z.object({ nama: teks, nib, alamat: teks }).strict(),
    waktu: z
      .object({ mulai: tanggal, selesai: tanggal })
      .strict()
      .refine((w) => w.mulai <= w.selesai, 'tanggal selesai sebelum tanggal mulai'),
    penandatangan,
  })
  .strict();

/** The company the officials are sent to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: TANGGAL,
  dasar: { label: 'Dasar', row: 'Dasar', long: true },
  petugas: { label: 'Petugas yang ditugaskan', row: 'Petugas', fields: PEJABAT },
  untuk: { label: 'Untuk', row: 'Tugas', long: true },
  perusahaan: { label: 'Pelaku usaha yang dituju', fields: PELAKU_USAHA },
  waktu: {
    label: 'Waktu pelaksanaan',
    fields: { mulai: { label: 'Tanggal mulai' }, selesai: { label: 'Tanggal selesai' } },
  },
};
