import * as z from 'zod/mini';
import type { FieldLabels } from './field-labels.ts';
import { nib, nip, tanggal, teks } from './common.ts';

/**
 * A member of the monitoring team, who signs the minutes: an official with their NIP under the name, or
 * one who is not a civil servant (a contract officer), without.
 */
const anggotaTim = z.strictObject({ nama: teks, nip: z.optional(nip), jabatan: teks });

/** Minutes of monitoring the realisation of investment of the monitored businesses (DALAK 001). */
export const schema = z.strictObject({
  tanggal,
  lokasi: teks,
  tim: z.array(anggotaTim).check(z.minLength(1, 'paling sedikit 1 anggota tim')),
  perusahaan: z
    .array(z.strictObject({ nama: teks, nib, lkpmTerakhir: teks, realisasi: teks, keterangan: teks }))
    .check(z.minLength(1, 'paling sedikit 1 perusahaan')),
  kesimpulan: teks,
});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: { label: 'Tanggal pemantauan' },
  lokasi: { label: 'Lokasi' },
  tim: {
    label: 'Tim pemantau',
    row: 'Anggota tim',
    fields: {
      nama: { label: 'Nama' },
      nip: { label: 'NIP', help: '18 angka, tanpa spasi; kosongkan bila anggota tim bukan pegawai negeri' },
      jabatan: { label: 'Jabatan' },
    },
  },
  perusahaan: {
    label: 'Perusahaan yang dipantau',
    row: 'Perusahaan',
    fields: {
      nama: { label: 'Nama perusahaan' },
      nib: { label: 'NIB', help: '13 angka' },
      lkpmTerakhir: { label: 'LKPM terakhir', help: 'misalnya Triwulan III 2026' },
      realisasi: { label: 'Realisasi investasi' },
      keterangan: { label: 'Keterangan', long: true },
    },
  },
  kesimpulan: { label: 'Kesimpulan', long: true },
};
