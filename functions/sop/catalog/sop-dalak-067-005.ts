import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_005 = dalakSop('005', 'Pemantauan Proses Pelayanan Perizinan', '067/005/DPMPTSP-DALAK/XI/2022', {
  lanes: dalakLanes(['pengolah', 'pemeriksa', 'pengadministrasi', 'analis-kebijakan', 'kabid-pengendalian']),
  steps: [
    { no: 1, lane: 'pengolah', kind: 'drafting', title: 'Mengumpulkan data pelaku usaha', time: duration('1 jam'), inputs: ['E-PTSP dan OSS RBA'], outputs: ['Data pemohon izin'] },
    { no: 2, lane: 'pengolah', kind: 'verification', title: 'Mengolah dan menganalisa data pelaku usaha', time: duration('1 jam'), inputs: ['Data pemohon izin'], outputs: ['Materi/bahan koordinasi dan surat menyurat'] },
    { no: 3, lane: 'pemeriksa', kind: 'activity', title: 'Berkoordinasi dengan Tim Teknis', time: duration('3 jam'), inputs: ['Materi/bahan koordinasi dan surat menyurat'], outputs: ['Notulensi koordinasi sebagai bahan laporan'] },
    { no: 4, lane: 'analis-kebijakan', kind: 'drafting', title: 'Membuat laporan hasil koordinasi dengan Tim Teknis', time: duration('1 jam'), inputs: ['Notulensi koordinasi'], outputs: ['Laporan hasil evaluasi dan koordinasi'] },
    { no: 5, lane: 'analis-kebijakan', kind: 'verification', title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM', time: duration('30 menit'), inputs: ['Laporan hasil evaluasi dan koordinasi'], outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'] },
    { no: 6, lane: 'kabid-pengendalian', kind: 'decision', title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi', time: duration('30 menit'), inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'], outputs: ['Pembinaan, koordinasi dan sosialisasi'] },
    { no: 7, lane: 'pengadministrasi', kind: 'archiving', title: 'Pengarsipan dokumen', time: duration('30 menit'), inputs: ['Data tercatat dan tersimpan'], outputs: ['Laporan realisasi investasi penanaman modal'] },
  ],
  documents: [{ kind: 'laporan-pemantauan', title: 'Laporan Hasil Evaluasi dan Koordinasi', letterhead: 'dpmptsp', copies: 1, draftedAt: 4 }],
  notes: [LANES_READ_FROM_WORDING],
});
