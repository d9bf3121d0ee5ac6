import * as z from 'zod';
import { orang, pelakuUsaha, type PermitHolder, surat, tanggal, teks } from './common.ts';

/** Notice to a business of the coming field inspection (DALAK 009 step 3). */
export const schema = z
  .object({
    ...surat,
    perusahaan: pelakuUsaha,
    jadwal: z.object({ tanggal, jam: teks }).strict(),
    petugas: z.array(orang).min(1, 'paling sedikit 1 petugas'),
    kontak: z.object({ nama: teks, telepon: teks }).strict(),
  })
  .strict();

/** The company told of the inspection. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({
  name: data.perusahaan.nama,
  nib: data.perusahaan.nib,
});
