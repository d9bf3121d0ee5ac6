import * as z from 'zod';
import { type FieldLabels, PERUSAHAAN, TANGGAL } from './field-labels.ts';
import { penandatangan, type PermitHolder, perusahaan, tanggal, teks, companyHolder } from './common.ts';

/** Extension of the permit to employ a foreign worker, on the technical recommendation of the agency. */
export const schema = z
  .object({
    tanggal,
    perusahaan,
    tka: z.object({ nama: teks, kewarganegaraan: teks, nomorPaspor: teks, jabatan: teks, lokasiKerja: teks }).strict(),
    tkiPendamping: z.object({ nama: teks, jabatan: teks }).strict(),
    rptka: z.object({ nomor: teks, tanggal }).strict(),
    rekomendasi: z.object({ instansi: teks, nomor: teks, tanggal }).strict(),
    berlaku: z
      .object({ mulai: tanggal, sampai: tanggal })
      .strict()
      .refine((b) => b.mulai < b.sampai, 'tanggal akhir harus sesudah tanggal mulai'),
    penandatangan,
  })
  .strict();

/** The employer the IMTA extension is issued to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: TANGGAL,
  perusahaan: { label: 'Perusahaan pemberi kerja', fields: PERUSAHAAN },
  tka: {
    label: 'Tenaga kerja asing',
    fields: {
      nama: { label: 'Nama' },
      kewarganegaraan: { label: 'Kewarganegaraan' },
      nomorPaspor: { label: 'Nomor paspor' },
      jabatan: { label: 'Jabatan' },
      lokasiKerja: { label: 'Lokasi kerja' },
    },
  },
  tkiPendamping: {
    label: 'Tenaga kerja pendamping (WNI)',
    fields: { nama: { label: 'Nama' }, jabatan: { label: 'Jabatan' } },
  },
  rptka: { label: 'RPTKA', fields: { nomor: { label: 'Nomor RPTKA' }, tanggal: { label: 'Tanggal RPTKA' } } },
  rekomendasi: {
    label: 'Rekomendasi teknis',
    fields: {
      instansi: { label: 'Instansi' },
      nomor: { label: 'Nomor rekomendasi' },
      tanggal: { label: 'Tanggal rekomendasi' },
    },
  },
  berlaku: {
    label: 'Masa berlaku',
    fields: { mulai: { label: 'Berlaku mulai' }, sampai: { label: 'Berlaku sampai' } },
  },
};
