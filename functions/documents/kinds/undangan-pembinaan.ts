import * as z from 'zod';
import { type FieldLabels, SURAT } from './field-labels.ts';
import { daftar, surat, tanggal, teks } from './common.ts';

/** Invitation to a guidance session or a technical workshop; the invitees are listed in an attachment. */
export const schema = z
  .object({
    ...surat,
    acara: z.object({ tanggal, waktu: teks, tempat: teks, agenda: teks }).strict(),
    catatan: z.array(teks).default([]),
    undangan: daftar('paling sedikit 1 undangan'),
    kontak: z.object({ nama: teks, telepon: teks }).strict(),
  })
  .strict();

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...SURAT,
  acara: {
    label: 'Acara',
    fields: {
      tanggal: { label: 'Tanggal acara' },
      waktu: { label: 'Waktu', help: 'misalnya 09.00 WITA s.d. selesai' },
      tempat: { label: 'Tempat' },
      agenda: { label: 'Agenda', long: true },
    },
  },
  catatan: { label: 'Catatan', row: 'Catatan', long: true },
  undangan: { label: 'Daftar undangan', row: 'Undangan' },
  kontak: { label: 'Narahubung', fields: { nama: { label: 'Nama' }, telepon: { label: 'Telepon' } } },
};
