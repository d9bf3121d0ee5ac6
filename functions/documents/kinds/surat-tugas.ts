import * as z from 'zod/mini';
import { type FieldLabels, PEJABAT, PELAKU_USAHA, TANGGAL } from './field-labels.ts';
import { nib, pejabat, penandatangan, type PermitHolder, tanggal, teks, companyHolder } from './common.ts';

/** Assignment letter for an inspection or a field verification, issued a day before it. */
export const schema = z.strictObject({
  tanggal,
  dasar: z.array(teks).check(z.minLength(1, 'paling sedikit 1 dasar')),
  petugas: z.array(pejabat).check(z.minLength(1, 'paling sedikit 1 petugas')),
  untuk: z.array(teks).check(z.minLength(1, 'paling sedikit 1 tugas')),
  perusahaan: z.strictObject({ nama: teks, nib, alamat: teks }),
  waktu: z
    .strictObject({ mulai: tanggal, selesai: tanggal })
    .check(z.refine((w) => w.mulai <= w.selesai, 'tanggal selesai sebelum tanggal mulai')),
  penandatangan,
});

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
