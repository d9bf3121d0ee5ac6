import * as z from 'zod/mini';
import { type FieldLabels, LAPORAN } from './field-labels.ts';

/** Pieces of document data shared by many kinds. Messages a user may see are in Bahasa Indonesia. */

export const teks = z.string().check(z.trim(), z.minLength(1, 'wajib diisi'));
export const tanggal = z.iso.date({ error: 'harus tanggal dengan format TTTT-BB-HH' });
export const nip = z.string().check(z.regex(/^\d{18}$/, 'NIP harus 18 angka'));
export const nib = z.string().check(z.regex(/^\d{13}$/, 'NIB harus 13 angka'));
export const npwp = z
  .string()
  .check(
    z.regex(
      /^(\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}|\d{15}|\d{16})$/,
      'NPWP harus 15 atau 16 angka (boleh dengan format 00.000.000.0-000.000)',
    ),
  );

export const pejabat = z.strictObject({ nama: teks, nip, pangkat: teks, jabatan: teks });

/**
 * Who signs, and in what capacity: the head of office himself (definitif), on his behalf (a.n.),
 * or as the acting official while he is away (Plh.) or until one is appointed (Plt.).
 */
export const penandatangan = z.strictObject({
  ...pejabat.shape,
  sebagai: z._default(
    z.enum(['definitif', 'an', 'plh', 'plt'], { error: 'harus salah satu dari: definitif, an, plh, plt' }),
    'definitif',
  ),
});

export const perusahaan = z.strictObject({ nama: teks, nib, npwp, alamat: teks });

export type Pejabat = z.infer<typeof pejabat>;

/**
 * Whom an issued document is for, as the document prints it (the company of a permit, the
 * organiser of an exhibition): what the archive and the verification page show, whatever name
 * was typed at the counter.
 */
export interface PermitHolder {
  name: string;
  nib?: string;
  npwp?: string;
}

/** The company a document is for, as its `perusahaan` block names it (NPWP where the form asks it). */
export const companyHolder = (company: { nama: string; nib: string; npwp?: string }): PermitHolder => ({
  name: company.nama,
  nib: company.nib,
  ...(company.npwp === undefined ? {} : { npwp: company.npwp }),
});

export const orang = z.strictObject({ nama: teks, jabatan: teks });
export const pelakuUsaha = z.strictObject({ nama: teks, nib, alamat: teks });
export const daftar = (minimum: string) => z.array(teks).check(z.minLength(1, minimum));
/** A letter of another office a document rests on (a technical recommendation): its office, number and date. */
export const suratInstansi = z.strictObject({ instansi: teks, nomor: teks, tanggal });
/** A time of day as staff type it ("09.30"). */
export const jam = z.string().check(z.regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, 'harus jam dengan format 09.30'));
/** The file a receipt is for: its number and the code that opens the applicant's page. */
export const berkas = { nomorBerkas: teks, kodeTandaTerima: teks };

/** The addressee block and the heading fields of an outgoing letter (surat dinas). */
export const surat = {
  tanggal,
  sifat: z._default(
    z.enum(['Biasa', 'Segera', 'Sangat Segera', 'Rahasia'], {
      error: 'harus Biasa, Segera, Sangat Segera atau Rahasia',
    }),
    'Biasa',
  ),
  lampiran: z._default(teks, '-'),
  perihal: teks,
  kepada: z.strictObject({ jabatan: teks, instansi: teks, alamat: teks }),
  tembusan: z._default(z.array(teks), []),
  penandatangan,
};

/** A report signed by who compiled it and acknowledged by the head of division. */
const laporan = {
  tanggal,
  penyusun: z.array(pejabat).check(z.minLength(1, 'paling sedikit 1 penyusun')),
  mengetahui: pejabat,
};

/**
 * A report kind: its schema and its form's labels, each starting with what every report has
 * (`laporan`, LAPORAN: the date, who compiled it, who acknowledges it), then the report's own.
 */
export function reportKind<Shape extends z.core.$ZodShape>(shape: Shape, labels: FieldLabels) {
  return { schema: z.strictObject({ ...laporan, ...shape }), labels: { ...LAPORAN, ...labels } };
}
