import * as z from 'zod/mini';
import { type FieldLabels, IZIN, PELAKU_USAHA, SURAT } from './field-labels.ts';
import { daftar, pelakuUsaha, type PermitHolder, surat, tanggal, teks, companyHolder } from './common.ts';

/** Recommendation to the authority that issued a permit to revoke it (DALAK 014). */
export const schema = z.strictObject({
  ...surat,
  perusahaan: pelakuUsaha,
  izin: z.strictObject({ jenis: teks, nomor: teks, tanggal }),
  dasar: daftar('paling sedikit 1 dasar'),
  alasan: daftar('paling sedikit 1 alasan'),
});

/** The company whose permit is recommended for revocation. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  ...SURAT,
  izin: { label: 'Izin yang direkomendasikan untuk dicabut', fields: IZIN },
  perusahaan: { label: 'Pemegang izin', fields: PELAKU_USAHA },
  dasar: {
    label: 'Dasar rekomendasi',
    row: 'Dasar',
    long: true,
    help: 'hasil pengawasan, berita acara, atau pelanggaran yang ditemukan',
  },
  alasan: { label: 'Alasan pencabutan', row: 'Alasan', long: true },
};
