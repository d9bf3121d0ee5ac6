import * as z from 'zod';
import type { Sop } from '#sop/schema.ts';
import { daftar, pelakuUsaha, penandatangan, type PermitHolder, tanggal, teks } from './common.ts';

/** Decree of the Kepala Dinas revoking a permit after a court decision (DALAK 013). */
export const schema = z
  .object({
    tanggal,
    perusahaan: pelakuUsaha,
    izin: z.object({ jenis: teks, nomor: teks, tanggal }).strict(),
    putusan: z.object({ pengadilan: teks, nomor: teks, tanggal }).strict(),
    menimbang: daftar('paling sedikit 1 pertimbangan'),
    mengingat: daftar('paling sedikit 1 dasar hukum'),
    tembusan: z.array(teks).default([]),
    penandatangan,
  })
  .strict();

/** The company whose permit the decree revokes. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({
  name: data.perusahaan.nama,
  nib: data.perusahaan.nib,
});

/** The decree's "Mengingat" starts as the SOP's dasar hukum, so the drafter does not type it. */
export const prefill = (sop: Sop) => (sop.sections.dasarHukum?.length ? { mengingat: sop.sections.dasarHukum } : {});
