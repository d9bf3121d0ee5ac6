import * as z from 'zod/mini';
import { type FieldLabels, IZIN, PELAKU_USAHA } from './field-labels.ts';
import type { Sop } from '#sop/schema.ts';
import { daftar, pelakuUsaha, penandatangan, type PermitHolder, tanggal, teks, companyHolder } from './common.ts';

/** Decree of the Kepala Dinas revoking a permit after a court decision (DALAK 013). */
export const schema = z.strictObject({
  tanggal,
  perusahaan: pelakuUsaha,
  izin: z.strictObject({ jenis: teks, nomor: teks, tanggal }),
  putusan: z.strictObject({ pengadilan: teks, nomor: teks, tanggal }),
  menimbang: daftar('paling sedikit 1 pertimbangan'),
  mengingat: daftar('paling sedikit 1 dasar hukum'),
  tembusan: z._default(z.array(teks), []),
  penandatangan,
});

/** The company whose permit the decree revokes. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The decree's "Mengingat" starts as the SOP's dasar hukum, so the drafter does not type it. */
export const prefill = (sop: Sop) => (sop.sections.dasarHukum?.length ? { mengingat: sop.sections.dasarHukum } : {});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: { label: 'Tanggal penetapan' },
  izin: { label: 'Izin yang dicabut', fields: IZIN },
  perusahaan: { label: 'Pemegang izin', fields: PELAKU_USAHA },
  putusan: {
    label: 'Putusan pengadilan',
    help: 'putusan yang menjadi dasar pencabutan',
    fields: {
      pengadilan: { label: 'Nama pengadilan', help: 'misalnya Pengadilan Tata Usaha Negara Samarinda' },
      nomor: { label: 'Nomor putusan' },
      tanggal: { label: 'Tanggal putusan' },
    },
  },
  menimbang: { label: 'Menimbang', row: 'Pertimbangan', long: true, help: 'diawali "bahwa ..."' },
  mengingat: { label: 'Mengingat', row: 'Dasar hukum', long: true },
  tembusan: { label: 'Tembusan', row: 'Tembusan' },
};
