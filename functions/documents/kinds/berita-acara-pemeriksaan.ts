import * as z from 'zod/mini';
import { type FieldLabels, KESIMPULAN, NOMOR_SURAT_TUGAS, ORANG, PEJABAT, PELAKU_USAHA } from './field-labels.ts';
import { orang, pejabat, pelakuUsaha, tanggal, teks } from './common.ts';

/** Minutes of an inspection or a field verification, signed on the spot by the team and the business. */
export const schema = z.strictObject({
  tanggal,
  nomorSuratTugas: teks,
  perusahaan: pelakuUsaha,
  pemeriksa: z.array(pejabat).check(z.minLength(1, 'paling sedikit 1 pemeriksa')),
  wakilPerusahaan: orang,
  hasil: z
    .array(z.strictObject({ aspek: teks, temuan: teks }))
    .check(z.minLength(1, 'paling sedikit 1 hasil pemeriksaan')),
  kesimpulan: teks,
  /** Only on the minutes of a planned revocation for a violation (DALAK 012): what was violated, and OPD teknis's view. */
  dasarPencabutan: z.optional(z.strictObject({ pelanggaran: teks, pertimbanganTeknis: teks })),
});

/** The drafter's form: labels, help and order. */
export const labels: FieldLabels = {
  tanggal: { label: 'Tanggal pemeriksaan' },
  nomorSuratTugas: NOMOR_SURAT_TUGAS,
  perusahaan: { label: 'Pelaku usaha yang diperiksa', fields: PELAKU_USAHA },
  pemeriksa: { label: 'Tim pemeriksa', row: 'Pemeriksa', fields: PEJABAT },
  wakilPerusahaan: { label: 'Wakil perusahaan', fields: ORANG },
  hasil: {
    label: 'Hasil pemeriksaan',
    row: 'Hasil',
    fields: { aspek: { label: 'Aspek' }, temuan: { label: 'Temuan', long: true } },
  },
  kesimpulan: KESIMPULAN,
  dasarPencabutan: {
    label: 'Dasar rencana pencabutan izin',
    help: 'diisi pada Berita Acara Rencana Pencabutan Izin karena pelanggaran; kosongkan pada pemeriksaan biasa',
    fields: {
      pelanggaran: { label: 'Pelanggaran yang menjadi dasar', long: true },
      pertimbanganTeknis: {
        label: 'Pertimbangan teknis OPD (perangkat daerah pembina sektor)',
        help: 'nomor dan tanggal surat, serta pokok pertimbangannya',
        long: true,
      },
    },
  },
};
