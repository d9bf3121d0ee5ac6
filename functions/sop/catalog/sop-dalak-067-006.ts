import { dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_006 = dalakSop('006', 'Verifikasi Laporan Kegiatan Penanaman Modal', '067/006/DPMPPTSP-DALAK/XI/2022', {
  lanes: dalakLanes(['helpdesk-lkpm', 'verifikator-lkpm', 'analis-kebijakan', 'kabid-pengendalian']),
  steps: [
    {
      no: 1, lane: 'helpdesk-lkpm', kind: 'applicant-action', phase: 'intake',
      title: 'Penyampaian LKPM oleh pelaku usaha melalui OSS RBA',
      time: duration('3 jam'), inputs: ['Hak akses OSS RBA'], outputs: ['Pelaporan LKPM'],
      inferred:
        'The seed\'s row 1 "Penyampaian LKPM" (kelengkapan "Hak Akses OSS RBA") is the business\'s act; the table lost its lane marks, and its first column is "Tim Helpdesk LKPM (Staf Dalak)". Read as the LKPM arriving through the helpdesk, recorded when the case is opened. The alternative is the business as an outside lane that files the LKPM itself, with no staff act at step 1.',
    },
    { no: 2, lane: 'verifikator-lkpm', kind: 'verification', title: 'Mengumpulkan dan mengidentifikasi pelaku usaha pada sistem', time: duration('30 menit'), inputs: ['Akses SPIPISE (LKPM) dan OSS RBA (Pengawasan)'], outputs: ['Data LKPM dan pelaku usaha'] },
    { no: 3, lane: 'verifikator-lkpm', kind: 'verification', title: 'Mengidentifikasi data OSS RBA dari pelaku usaha yang sudah melaporkan LKPM', time: duration('30 menit'), inputs: ['Data LKPM dan pelaku usaha'], outputs: ['Data perizinan OSS RBA pelaku usaha'] },
    { no: 4, lane: 'verifikator-lkpm', kind: 'verification', title: 'Tracking data LKPM terakhir yang dilaporkan', time: duration('10 menit'), inputs: ['Data perizinan OSS RBA pelaku usaha'], outputs: ['Data LKPM yang telah terlapor oleh pelaku usaha'] },
    {
      no: 5, lane: 'verifikator-lkpm', kind: 'decision', title: 'Proses verifikasi LKPM: jika sesuai LKPM disetujui, jika tidak sesuai LKPM dikembalikan',
      time: duration('10 menit'), inputs: ['Data LKPM yang telah terlapor oleh pelaku usaha'],
      outputs: ['LKPM telah terverifikasi (jika sesuai LKPM disetujui, jika tidak sesuai LKPM dikembalikan)'],
      question: 'LKPM sesuai?',
      returns: [{ to: 'applicant', via: 'helpdesk-lkpm', resumeAt: 4, answer: 'Tidak', reason: 'Jika tidak sesuai, LKPM dikembalikan kepada pelaku usaha untuk diperbaiki' }],
      inferred:
        'The seed says only "jika sesuai LKPM disetujui, jika tidak sesuai LKPM dikembalikan" (output of step 5). Read as: returned to the business through the helpdesk, and the corrected LKPM resumes at tracking (step 4). Alternatives: the return ends this case and the corrected LKPM, filed again in OSS RBA, starts a new one at step 1; or the case goes on to the report (step 6) with the LKPM marked returned.',
    },
    { no: 6, lane: 'verifikator-lkpm', kind: 'drafting', title: 'Membuat laporan kegiatan verifikasi LKPM', time: duration('30 menit'), inputs: ['LKPM telah terverifikasi'], outputs: ['Laporan hasil evaluasi kegiatan dan verifikasi'] },
    { no: 7, lane: 'analis-kebijakan', kind: 'verification', title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM', time: duration('30 menit'), inputs: ['Laporan hasil evaluasi dan verifikasi'], outputs: ['Hasil evaluasi kegiatan verifikasi LKPM'] },
    { no: 8, lane: 'kabid-pengendalian', kind: 'decision', title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi', time: duration('30 menit'), inputs: ['Bahan evaluasi kegiatan verifikasi LKPM'], outputs: ['Hasil evaluasi kegiatan verifikasi LKPM'] },
    { no: 9, lane: 'helpdesk-lkpm', kind: 'archiving', title: 'Pengarsipan dokumen', time: duration('30 menit'), inputs: ['Data tercatat dan tersimpan'], outputs: ['Laporan realisasi investasi penanaman modal'] },
  ],
  documents: [
    {
      kind: 'hasil-verifikasi-lkpm', title: 'Laporan Hasil Evaluasi Kegiatan dan Verifikasi', letterhead: 'dpmptsp', copies: 1, draftedAt: 6,
      inferred: 'Named as step 6\'s output ("Laporan hasil evaluasi kegiatan dan verifikasi"); step 7 takes it as "Laporan hasil evaluasi dan verifikasi". Same document read, the other wording the alternative.',
    },
  ],
  notes: [
    'The seed lost the swimlane marks: the LKPM arrives through the helpdesk (step 1, recorded when the case is opened), verification steps are the Verifikator\'s, evaluation the Analis\', follow-up the Kabid\'s.',
  ],
});
