import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_007 = dalakSop('007', 'Konsultasi Virtual Masalah Penanaman Modal (Kolosal)', '067/007/DPMPPTSP-DALAK/XI/2022', {
  lanes: dalakLanes(['pengadministrasi', 'pengolah', 'pemeriksa', 'analis-kebijakan', 'kabid-pengendalian'], { pengadministrasi: 'Pengadmini- strasi' }),
  steps: [
    { no: 1, lane: 'pengolah', kind: 'drafting', title: 'Mengumpulkan data pelaku usaha', time: duration('30 menit'), inputs: ['E-PTSP dan OSS RBA'], outputs: ['Data pemohon izin'] },
    { no: 2, lane: 'pemeriksa', kind: 'verification', title: 'Menelaah permasalahan yang disampaikan oleh pelaku usaha', time: duration('1 jam'), inputs: ['Data pemohon izin'], outputs: ['Materi/bahan koordinasi dan surat menyurat'] },
    { no: 3, lane: 'pemeriksa', kind: 'activity', title: 'Berkoordinasi dengan pihak terkait untuk pelaksanaan kegiatan', time: duration('2 jam'), inputs: ['Materi/bahan koordinasi dan surat menyurat'], outputs: ['Notulensi koordinasi sebagai bahan laporan'] },
    { no: 4, lane: 'pengadministrasi', kind: 'activity', title: 'Menginformasikan kesiapan pelaksanaan kegiatan', time: duration('1 jam'), inputs: ['Notulensi koordinasi'], outputs: ['Laporan hasil evaluasi dan koordinasi'] },
    { no: 5, lane: 'pemeriksa', kind: 'activity', title: 'Melaksanakan kegiatan konsultasi virtual', time: duration('3 jam'), inputs: ['Laporan hasil evaluasi dan koordinasi'], outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'] },
    { no: 6, lane: 'analis-kebijakan', kind: 'drafting', title: 'Pembuatan laporan kegiatan', time: duration('30 menit'), inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'], outputs: ['Pembinaan, koordinasi dan sosialisasi'] },
    { no: 7, lane: 'analis-kebijakan', kind: 'verification', title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM', time: duration('30 menit'), inputs: ['Data tercatat dan tersimpan'], outputs: ['Laporan realisasi investasi penanaman modal'] },
    { no: 8, lane: 'kabid-pengendalian', kind: 'decision', title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi', time: duration('30 menit'), inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'], outputs: ['Pembinaan, koordinasi dan sosialisasi'] },
    { no: 9, lane: 'pengadministrasi', kind: 'archiving', title: 'Pengarsipan dokumen', time: duration('30 menit'), inputs: ['Data tercatat dan tersimpan'], outputs: ['Laporan realisasi investasi penanaman modal'] },
  ],
  documents: [{ kind: 'laporan-kegiatan', title: 'Laporan Kegiatan Konsultasi Virtual (Kolosal)', letterhead: 'dpmptsp', copies: 1, draftedAt: 6 }],
  notes: [LANES_READ_FROM_WORDING],
});
