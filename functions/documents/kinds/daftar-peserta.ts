import * as z from 'zod/mini';
import type { FieldLabels } from './field-labels.ts';
import { penandatangan, tanggal, teks } from './common.ts';

/** Attendance list of a technical workshop (Bimtek): one row per participant, signed on the day. */
export const schema = z.strictObject({
  tanggal,
  kegiatan: teks,
  tempat: teks,
  peserta: z
    .array(z.strictObject({ nama: teks, jabatan: teks, perusahaan: teks }))
    .check(z.minLength(1, 'paling sedikit 1 peserta')),
  penandatangan,
});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: { label: 'Tanggal kegiatan' },
  kegiatan: { label: 'Nama kegiatan' },
  tempat: { label: 'Tempat' },
  peserta: {
    label: 'Peserta',
    row: 'Peserta',
    fields: { nama: { label: 'Nama' }, jabatan: { label: 'Jabatan' }, perusahaan: { label: 'Perusahaan' } },
  },
};
