import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

export const SOP_DALAK_067_003 = dalakSop(
  '003',
  'Pembinaan Pelaksanaan Penanaman Modal Atas Dasar Hasil Pemantauan Dan Pengawasan',
  '067/003/DPMPPTSP-DALAK/XI/2022',
  {
    lanes: dalakLanes(['pengolah', 'pemeriksa', 'pengadministrasi', 'analis-kebijakan', 'kabid-pengendalian']),
    steps: [
      {
        no: 1,
        lane: 'pemeriksa',
        kind: 'verification',
        title: 'Menerima dan menelaah hasil pemantauan dan pengawasan melalui sistem',
        time: duration('30 menit'),
        inputs: ['BAP pengawasan dan laporan pemantauan'],
        outputs: ['Pengumpulan data'],
        inferred:
          "The seeds of 003 and 004 word step 1 the same (\"Menerima dan menelaah hasil pemantauan dan pengawasan melalui sistem\") and lost their lane marks. 003's is read as the Pemeriksa's, since it examines the BAP pengawasan and the Laporan Pemantauan; 004's as the Pengolah's, since it produces the Daftar Legalitas PMA dan PMDN from LKPM and OSS RBA data. The alternative is one lane for both (either reading applied to the other).",
      },
      {
        no: 2,
        lane: 'pengolah',
        kind: 'drafting',
        title:
          'Mengumpulkan data dan bahan pembinaan, berkoordinasi dengan pihak terkait, menyiapkan surat undangan dan jadwal pembinaan',
        time: duration('1 jam', '2 jam'),
        inputs: ['NIB, LKPM, SS, Izin, UMKU, PKKPR, PBG, Persetujuan Lingkungan', 'Koordinasi, surat menyurat'],
        outputs: ['Koordinasi, surat menyurat', 'Draf surat undangan, jadwal pembinaan, bahan paparan'],
      },
      {
        no: 3,
        lane: 'analis-kebijakan',
        kind: 'drafting',
        title: 'Mempersiapkan materi pembinaan penanaman modal',
        time: duration('1 jam'),
        inputs: ['Pengumpulan data dan koordinasi'],
        outputs: ['Bahan materi pembinaan'],
      },
      {
        no: 4,
        lane: 'pemeriksa',
        kind: 'activity',
        title: 'Melaksanakan kegiatan pembinaan',
        time: duration('3 jam'),
        inputs: ['Pembinaan penanaman modal ke pelaku usaha'],
        outputs: ['Notulensi pembinaan'],
      },
      {
        no: 5,
        lane: 'analis-kebijakan',
        kind: 'verification',
        title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM',
        time: duration('30 menit'),
        inputs: ['Notulensi pembinaan'],
        outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
      },
      {
        no: 6,
        lane: 'kabid-pengendalian',
        kind: 'decision',
        title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi',
        time: duration('30 menit'),
        inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
        outputs: ['Pembinaan, koordinasi dan sosialisasi'],
      },
      {
        no: 7,
        lane: 'pengadministrasi',
        kind: 'archiving',
        title: 'Pengarsipan dokumen',
        time: duration('30 menit'),
        inputs: ['Data tercatat dan tersimpan'],
        outputs: ['Laporan realisasi investasi penanaman modal'],
      },
    ],
    documents: [
      // The seed's output is "Draf surat undangan": a draft is not signed here, so it takes no number.
      {
        kind: 'undangan-pembinaan',
        title: 'Draf Surat Undangan Pembinaan Pelaksanaan Penanaman Modal',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 2,
      },
      {
        kind: 'notulensi-pembinaan',
        title: 'Notulensi Pembinaan Pelaksanaan Penanaman Modal',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 4,
      },
    ],
    notes: [LANES_READ_FROM_WORDING],
  },
);
