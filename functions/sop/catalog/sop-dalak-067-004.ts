import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_004 = dalakSop('004', 'Pembinaan Pelaksanaan Penanaman Modal Melalui Bimbingan Teknis', '067/004/DPMPTSP-DALAK/XI/2022', {
  lanes: dalakLanes(['pengolah', 'pemeriksa', 'pengadministrasi', 'analis-kebijakan', 'kabid-pengendalian']),
  steps: [
    {
      no: 1, lane: 'pengolah', kind: 'verification',
      title: 'Menerima dan menelaah hasil pemantauan dan pengawasan melalui sistem',
      time: duration('30 menit'),
      inputs: ['LKPM dan OSS RBA'],
      outputs: ['Daftar legalitas PMA dan PMDN'],
      inferred:
        'The seeds of 003 and 004 word step 1 the same ("Menerima dan menelaah hasil pemantauan dan pengawasan melalui sistem") and lost their lane marks. 004\'s is read as the Pengolah\'s, since it produces the Daftar Legalitas PMA dan PMDN from LKPM and OSS RBA data (data work); 003\'s as the Pemeriksa\'s, since it examines the BAP pengawasan. The alternative is the Pemeriksa here too.',
    },
    {
      no: 2, lane: 'pengolah', kind: 'drafting',
      title: 'Mengolah dan menganalisa data pelaku usaha, berkoordinasi dengan pelaksana bimtek, menyiapkan daftar calon peserta, undangan, jadwal dan narasumber',
      time: duration('1 jam', '3 jam'),
      inputs: ['NIB, LKPM, SS, Izin, UMKU, PKKPR, PBG, Persetujuan Lingkungan', 'Koordinasi, surat menyurat dan rapat persiapan'],
      outputs: ['Daftar calon peserta Bimtek dan koordinasi', 'Surat undangan dan nota dinas, jadwal, daftar peserta, narasumber'],
    },
    {
      no: 3, lane: 'analis-kebijakan', kind: 'drafting',
      title: 'Mempersiapkan materi Bimtek',
      time: duration('3 jam'),
      inputs: ['Materi untuk pembinaan'],
      outputs: ['Paparan, dokumen-dokumen Bimtek, pelaksanaan Bimtek'],
    },
    {
      no: 4, lane: 'pemeriksa', kind: 'activity',
      title: 'Melaksanakan kegiatan Bimtek',
      time: duration('3 jam'),
      inputs: ['Bimtek ke pelaku usaha'],
      outputs: ['Notulensi pembinaan, LKPM, survei kepuasan'],
    },
    {
      no: 5, lane: 'analis-kebijakan', kind: 'verification',
      title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM',
      time: duration('30 menit'),
      inputs: ['Notulensi pembinaan, LKPM, survei kepuasan'],
      outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
    },
    {
      no: 6, lane: 'kabid-pengendalian', kind: 'decision',
      title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi',
      time: duration('30 menit'),
      inputs: ['Bahan evaluasi kegiatan pembinaan'],
      outputs: ['Pembinaan, koordinasi dan sosialisasi'],
    },
    {
      no: 7, lane: 'pengadministrasi', kind: 'archiving',
      title: 'Pengarsipan dokumen',
      time: duration('30 menit'),
      inputs: ['Data tercatat dan tersimpan'],
      outputs: ['Laporan realisasi investasi penanaman modal'],
    },
  ],
  documents: [
    { kind: 'undangan-pembinaan', title: 'Surat Undangan Bimbingan Teknis', letterhead: 'dpmptsp', copies: 1, draftedAt: 2, numberedAt: 2, register: 'surat-keluar-dalak' },
    { kind: 'daftar-peserta', title: 'Daftar Peserta Bimbingan Teknis', letterhead: 'dpmptsp', copies: 1, draftedAt: 2 },
    { kind: 'notulensi-pembinaan', title: 'Notulensi Bimbingan Teknis', letterhead: 'dpmptsp', copies: 1, draftedAt: 4 },
  ],
  notes: [LANES_READ_FROM_WORDING],
});
