import * as z from 'zod';
import { daftar, type PermitHolder, surat, teks } from './common.ts';

/** Cover letter that sends an application file to the agency whose technical recommendation it needs. */
export const schema = z
  .object({
    ...surat,
    nomorBerkas: teks,
    pemohon: z.object({ nama: teks, perusahaan: teks }).strict(),
    jenisPertek: teks,
    berkas: daftar('paling sedikit 1 berkas'),
  })
  .strict();

/** The cover letter goes to an agency about this applicant's company. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({ name: data.pemohon.perusahaan });
