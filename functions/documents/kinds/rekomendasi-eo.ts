import * as z from 'zod/mini';
import { type FieldLabels, labelsOf, letterFrom, TANGGAL } from './field-labels.ts';
import { penandatangan, type PermitHolder, suratInstansi, tanggal, teks } from './common.ts';

/** Recommendation for an exhibition organiser, issued on the agency's technical recommendation (pertek). */
export const schema = z.strictObject({
  tanggal,
  pemohon: z.strictObject({
    nama: teks,
    nik: z.string().check(z.regex(/^\d{16}$/, 'NIK harus 16 angka')),
    alamat: teks,
  }),
  penyelenggara: z.strictObject({ nama: teks, alamat: teks }),
  kegiatan: z
    .strictObject({ nama: teks, tempat: teks, mulai: tanggal, selesai: tanggal })
    .check(z.refine((k) => k.mulai <= k.selesai, 'tanggal selesai sebelum tanggal mulai')),
  pertek: suratInstansi,
  ketentuan: z.array(teks).check(z.minLength(1, 'paling sedikit 1 ketentuan')),
  penandatangan,
});

/** The recommendation is addressed to the organiser (EO), printed in bold, not to the person who applied. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({ name: data.penyelenggara.nama });

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: TANGGAL,
  pemohon: {
    label: 'Pemohon',
    fields: {
      nama: { label: 'Nama pemohon' },
      nik: { label: 'NIK', help: '16 angka' },
      alamat: { label: 'Alamat', long: true },
    },
  },
  penyelenggara: {
    label: 'Penyelenggara pameran (EO)',
    fields: { nama: { label: 'Nama penyelenggara' }, alamat: { label: 'Alamat', long: true } },
  },
  kegiatan: {
    label: 'Kegiatan pameran',
    fields: labelsOf({ nama: 'Nama kegiatan', tempat: 'Tempat', mulai: 'Tanggal mulai', selesai: 'Tanggal selesai' }),
  },
  pertek: { label: 'Pertimbangan teknis', fields: letterFrom('pertimbangan teknis') },
  ketentuan: { label: 'Ketentuan', row: 'Ketentuan', long: true },
};
