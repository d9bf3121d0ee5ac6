import { z } from 'zod';

/** Pieces of document data shared by many kinds. Messages a user may see are in Bahasa Indonesia. */

export const teks = z.string().trim().min(1, 'wajib diisi');
export const tanggal = z.iso.date({ error: 'harus tanggal dengan format YYYY-MM-DD' });
export const nip = z.string().regex(/^\d{18}$/, 'NIP harus 18 angka');
export const nib = z.string().regex(/^\d{13}$/, 'NIB harus 13 angka');
export const npwp = z
  .string()
  .regex(/^(\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}|\d{15}|\d{16})$/, 'NPWP harus 15 atau 16 angka (boleh dengan format 00.000.000.0-000.000)');

export const pejabat = z
  .object({ nama: teks, nip, pangkat: teks, jabatan: teks })
  .strict();

/**
 * Who signs, and in what capacity: the head of office himself (definitif), on his behalf (a.n.),
 * or as the acting official while he is away (Plh.) or until one is appointed (Plt.).
 */
export const penandatangan = pejabat
  .extend({ sebagai: z.enum(['definitif', 'an', 'plh', 'plt'], { error: 'harus salah satu dari: definitif, an, plh, plt' }).default('definitif') })
  .strict();

export const perusahaan = z
  .object({ nama: teks, nib, npwp, alamat: teks })
  .strict();

export type Pejabat = z.infer<typeof pejabat>;
