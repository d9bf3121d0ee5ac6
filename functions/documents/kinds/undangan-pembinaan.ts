import * as z from 'zod/mini';
import { type FieldLabels, SURAT } from './field-labels.ts';
import { daftar, surat, tanggal, teks } from './common.ts';

/** Invitation to a guidance session or a technical workshop; the invitees are listed in an attachment. */
export const schema = z.strictObject({
  ...surat,
  acara: z.strictObject({ tanggal, waktu: teks, tempat: teks, agenda: teks }),
  catatan: z._default(z.array(teks), []),
  undangan: daftar('paling sedikit 1 undangan'),
  kontak: z.strictObject({ nama: teks, telepon: teks }),
});

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
