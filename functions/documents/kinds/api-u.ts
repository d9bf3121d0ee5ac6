import * as z from 'zod/mini';
import { type FieldLabels, PERUSAHAAN, TANGGAL } from './field-labels.ts';
import { penandatangan, type PermitHolder, perusahaan, tanggal, teks, companyHolder } from './common.ts';

/** Angka Pengenal Importir Umum: the company, its goods sections and the signatories of its import documents. */
export const schema = z.strictObject({
  tanggal,
  jenisPermohonan: z.enum(['baru', 'perubahan'], { error: 'harus "baru" atau "perubahan"' }),
  perusahaan: z.strictObject({ ...perusahaan.shape, telepon: teks }),
  penanggungJawab: z.strictObject({ nama: teks, jabatan: teks }),
  bagianBarang: z
    .array(z.strictObject({ bagian: teks, uraian: teks }))
    .check(z.minLength(1, 'paling sedikit 1 bagian (section) barang')),
  penandatanganDokumenImpor: z
    .array(
      z.strictObject({
        nama: teks,
        jabatan: teks,
        kewarganegaraan: z.enum(['WNI', 'WNA'], { error: 'harus WNI atau WNA' }),
      }),
    )
    .check(
      z.minLength(1, 'paling sedikit 1 penandatangan'),
      z.maxLength(4, 'paling banyak 4 penandatangan (SOP bagian G angka 11)'),
    ),
  penandatangan,
});

/** The importer the API-U is issued to. */
export const holder = (data: z.infer<typeof schema>): PermitHolder => companyHolder(data.perusahaan);

/**
 * What the loket's checklist already says: a change or a new API-U; and, where only one nationality
 * was ticked, one row per signatory with it (both ticked: the drafter says whose is whose).
 */
export function fromFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const nationality =
    facts.penandatanganWni === true && facts.penandatanganWna !== true
      ? 'WNI'
      : facts.penandatanganWna === true && facts.penandatanganWni !== true
        ? 'WNA'
        : undefined;
  const count = typeof facts.jumlahPenandatangan === 'number' ? facts.jumlahPenandatangan : 0;
  return {
    ...(typeof facts.perubahan === 'boolean' ? { jenisPermohonan: facts.perubahan ? 'perubahan' : 'baru' } : {}),
    ...(nationality && count >= 1 && count <= 4
      ? { penandatanganDokumenImpor: Array.from({ length: count }, () => ({ kewarganegaraan: nationality })) }
      : {}),
  };
}

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: TANGGAL,
  jenisPermohonan: { label: 'Jenis permohonan' },
  perusahaan: { label: 'Perusahaan', fields: { ...PERUSAHAAN, telepon: { label: 'Telepon' } } },
  penanggungJawab: {
    label: 'Penanggung jawab perusahaan',
    fields: { nama: { label: 'Nama penanggung jawab' }, jabatan: { label: 'Jabatan penanggung jawab' } },
  },
  bagianBarang: {
    label: 'Bagian barang yang diimpor',
    row: 'Bagian barang',
    help: 'sesuai bagian (bab) Buku Tarif Kepabeanan Indonesia',
    fields: {
      bagian: { label: 'Bagian', help: 'misalnya Bagian XVI' },
      uraian: { label: 'Uraian barang', long: true },
    },
  },
  penandatanganDokumenImpor: {
    label: 'Penandatangan dokumen impor',
    row: 'Penandatangan',
    help: 'paling banyak 4 orang, paling sedikit 1 direksi',
    fields: { nama: { label: 'Nama' }, jabatan: { label: 'Jabatan' }, kewarganegaraan: { label: 'Kewarganegaraan' } },
  },
};
