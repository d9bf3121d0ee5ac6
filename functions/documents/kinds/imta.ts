import * as z from 'zod/mini';
import { type FieldLabels, labelsOf, letterFrom, ORANG, PERUSAHAAN, TANGGAL } from './field-labels.ts';
import {
  orang,
  penandatangan,
  type PermitHolder,
  perusahaan,
  suratInstansi,
  tanggal,
  teks,
  companyHolder,
} from './common.ts';

/** Extension of the permit to employ a foreign worker, on the technical recommendation of the agency. */
export const schema = z.strictObject({
  tanggal,
  perusahaan,
  tka: z.strictObject({ nama: teks, kewarganegaraan: teks, nomorPaspor: teks, jabatan: teks, lokasiKerja: teks }),
  tkiPendamping: orang,
  rptka: z.strictObject({ nomor: teks, tanggal }),
  rekomendasi: suratInstansi,
  berlaku: z
    .strictObject({ mulai: tanggal, sampai: tanggal })
    .check(z.refine((b) => b.mulai < b.sampai, 'tanggal akhir harus sesudah tanggal mulai')),
  penandatangan,
});

/** The employer the IMTA extension is issued to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: TANGGAL,
  perusahaan: { label: 'Perusahaan pemberi kerja', fields: PERUSAHAAN },
  tka: {
    label: 'Tenaga kerja asing',
    fields: labelsOf({
      nama: 'Nama',
      kewarganegaraan: 'Kewarganegaraan',
      nomorPaspor: 'Nomor paspor',
      jabatan: 'Jabatan',
      lokasiKerja: 'Lokasi kerja',
    }),
  },
  tkiPendamping: { label: 'Tenaga kerja pendamping (WNI)', fields: ORANG },
  rptka: { label: 'RPTKA', fields: labelsOf({ nomor: 'Nomor RPTKA', tanggal: 'Tanggal RPTKA' }) },
  rekomendasi: { label: 'Rekomendasi teknis', fields: letterFrom('rekomendasi') },
  berlaku: { label: 'Masa berlaku', fields: labelsOf({ mulai: 'Berlaku mulai', sampai: 'Berlaku sampai' }) },
};
