import * as z from 'zod';
import { daftar, surat, tanggal, teks } from './common.ts';

/** Invitation to a guidance session or a technical workshop; the invitees are listed in an attachment. */
export const schema = z
  .object({
    ...surat,
    acara: z.object({ tanggal, waktu: teks, tempat: teks, agenda: teks }).strict(),
    catatan: z.array(teks).default([]),
    undangan: daftar('paling sedikit 1 undangan'),
    kontak: z.object({ nama: teks, telepon: teks }).strict(),
  })
  .strict();
