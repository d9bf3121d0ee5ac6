import * as z from 'zod/mini';
import { type FieldLabels, SURAT } from './field-labels.ts';
import { daftar, type PermitHolder, surat, teks } from './common.ts';

/** Cover letter that sends an application file to the agency whose technical recommendation it needs. */
export const schema = z.strictObject({
  ...surat,
  nomorBerkas: teks,
  pemohon: z.strictObject({ nama: teks, perusahaan: teks }),
  jenisPertek: teks,
  berkas: daftar('paling sedikit 1 berkas'),
});

/** The cover letter goes to an agency about this applicant's company. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({ name: data.pemohon.perusahaan });

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...SURAT,
  nomorBerkas: { label: 'Nomor berkas' },
  pemohon: { label: 'Pemohon', fields: { nama: { label: 'Nama pemohon' }, perusahaan: { label: 'Perusahaan' } } },
  jenisPertek: { label: 'Jenis pertimbangan teknis yang diminta' },
  berkas: { label: 'Berkas yang dikirim', row: 'Berkas' },
};
