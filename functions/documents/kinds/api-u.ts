import * as z from 'zod';
import { penandatangan, type PermitHolder, perusahaan, tanggal, teks } from './common.ts';

/** Angka Pengenal Importir Umum: the company, its goods sections and the signatories of its import documents. */
export const schema = z
  .object({
    tanggal,
    jenisPermohonan: z.enum(['baru', 'perubahan'], { error: 'harus "baru" atau "perubahan"' }),
    perusahaan: perusahaan.extend({ telepon: teks }).strict(),
    penanggungJawab: z.object({ nama: teks, jabatan: teks }).strict(),
    bagianBarang: z
      .array(z.object({ bagian: teks, uraian: teks }).strict())
      .min(1, 'paling sedikit 1 bagian (section) barang'),
    penandatanganDokumenImpor: z
      .array(
        z
          .object({
            nama: teks,
            jabatan: teks,
            kewarganegaraan: z.enum(['WNI', 'WNA'], { error: 'harus WNI atau WNA' }),
          })
          .strict(),
      )
      .min(1, 'paling sedikit 1 penandatangan')
      .max(4, 'paling banyak 4 penandatangan (SOP bagian G angka 11)'),
    penandatangan,
  })
  .strict();

/** The importer the API-U is issued to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => ({
  name: data.perusahaan.nama,
  nib: data.perusahaan.nib,
  npwp: data.perusahaan.npwp,
});
