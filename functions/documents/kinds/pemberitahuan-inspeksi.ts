import * as z from 'zod/mini';
import { type FieldLabels, ORANG, PELAKU_USAHA, SURAT } from './field-labels.ts';
import { orang, pelakuUsaha, type PermitHolder, surat, tanggal, teks, companyHolder } from './common.ts';

/** Notice to a business of the coming field inspection (DALAK 009 step 3). */
export const schema = z.strictObject({
  ...surat,
  perusahaan: pelakuUsaha,
  jadwal: z.strictObject({ tanggal, jam: teks }),
  petugas: z.array(orang).check(z.minLength(1, 'paling sedikit 1 petugas')),
  kontak: z.strictObject({ nama: teks, telepon: teks }),
});

/** The company told of the inspection. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...SURAT,
  perusahaan: { label: 'Pelaku usaha yang diinspeksi', fields: PELAKU_USAHA },
  jadwal: {
    label: 'Jadwal inspeksi',
    fields: { tanggal: { label: 'Tanggal inspeksi' }, jam: { label: 'Jam', help: 'misalnya 09.00 WITA' } },
  },
  petugas: { label: 'Petugas inspeksi', row: 'Petugas', fields: ORANG },
  kontak: { label: 'Narahubung', fields: { nama: { label: 'Nama' }, telepon: { label: 'Telepon' } } },
};
