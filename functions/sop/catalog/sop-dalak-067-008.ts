import { dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_008 = dalakSop('008', 'Helpdesk Penyampaian Laporan Kegiatan Penanaman Modal', '067/008/DPMPTSP-DALAK/XI/2022', {
  lanes: dalakLanes(['helpdesk-lkpm', 'analis-kebijakan', 'kabid-pengendalian'], { 'kabid-pengendalian': 'Kepala Bidang Pengendalian' }),
  steps: [
    { no: 1, lane: 'helpdesk-lkpm', kind: 'drafting', title: 'Mengumpulkan data pelaku usaha', time: duration('15 menit'), inputs: ['Bahan dan data pelaku usaha serta akses SPIPISE dan OSS RBA'], outputs: ['Pelaporan LKPM'] },
    { no: 2, lane: 'helpdesk-lkpm', kind: 'verification', title: 'Menelaah data permasalahan pelaku usaha terkait LKPM', time: duration('15 menit'), inputs: ['Data permasalahan LKPM'], outputs: ['Data LKPM dan pelaku usaha'] },
    { no: 3, lane: 'helpdesk-lkpm', kind: 'verification', title: 'Tracking data LKPM terakhir yang dilaporkan', time: duration('10 menit'), inputs: ['Bahan tracking dan identifikasi permasalahan'], outputs: ['Data perizinan OSS RBA pelaku usaha'] },
    { no: 4, lane: 'helpdesk-lkpm', kind: 'activity', title: 'Memberikan informasi dan konsultasi terkait penyampaian LKPM kepada pelaku usaha', time: duration('2 jam'), inputs: ['Data LKPM dan OSS RBA pelaku usaha'], outputs: ['Data LKPM yang telah dilaporkan oleh pelaku usaha'] },
    { no: 5, lane: 'helpdesk-lkpm', kind: 'drafting', title: 'Pembuatan laporan helpdesk', time: duration('30 menit'), inputs: ['Hasil konsultasi, rekomendasi dan/atau penyelesaian permasalahan terkait LKPM'], outputs: ['LKPM telah terverifikasi (jika sesuai LKPM disetujui, jika tidak sesuai LKPM dikembalikan)'] },
    { no: 6, lane: 'analis-kebijakan', kind: 'verification', title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM', time: duration('30 menit'), inputs: ['Laporan helpdesk LKPM'], outputs: ['Laporan hasil evaluasi kegiatan dan verifikasi'] },
    { no: 7, lane: 'kabid-pengendalian', kind: 'decision', title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi', time: duration('30 menit'), inputs: ['Bahan evaluasi kegiatan verifikasi LKPM'], outputs: ['Hasil evaluasi kegiatan verifikasi LKPM'] },
    { no: 8, lane: 'helpdesk-lkpm', kind: 'archiving', title: 'Pengarsipan dokumen', time: duration('30 menit'), inputs: ['Data tercatat dan tersimpan'], outputs: ['Laporan realisasi investasi penanaman modal'] },
  ],
  documents: [{ kind: 'laporan-helpdesk', title: 'Laporan Helpdesk LKPM', letterhead: 'dpmptsp', copies: 1, draftedAt: 5 }],
  notes: ['The seed lost the swimlane marks: helpdesk work is the Tim Helpdesk\'s, evaluation the Analis\', follow-up the Kabid\'s.'],
});
