import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

const LEGALITAS = 'NIB, LKPM, SS, Izin, UMKU, PKKPR, PBG, Persetujuan Lingkungan';

export const SOP_DALAK_067_001 = dalakSop(
  '001',
  'Pemantauan Pelaksanaan Penanaman Modal',
  '067/001/DPMPTSP-DALAK/XI/2022',
  {
    lanes: dalakLanes(['pengolah', 'pemeriksa', 'analis-kebijakan', 'kabid-pengendalian', 'pengadministrasi']),
    steps: [
      {
        no: 1,
        lane: 'pengolah',
        kind: 'drafting',
        title:
          'Mempersiapkan data, bahan dan pendekatan pemantauan: perusahaan yang dipantau, laporan realisasi penanaman modal, keikutsertaan Kabupaten/Kota',
        time: duration('1 jam', '2 jam'),
        inferred:
          'The seed prints step 1 as two rows: "1 jam" (output "Koordinasi, Surat Menyurat") and "2 jam" (output "Daftar legalitas para Penanaman Modal PMA/PMDN yang terpantau"), with one number. Read as one step of 3 hours whose outputs are both rows\'. The alternative is two steps (1a: coordination and letters, 1 hour; 1b: the list, 2 hours), each asked and timed on its own.',
        inputs: [LEGALITAS, 'Koordinasi, surat menyurat'],
        outputs: ['Koordinasi, surat menyurat', 'Daftar legalitas para penanam modal PMA/PMDN yang terpantau'],
      },
      {
        no: 2,
        lane: 'pemeriksa',
        kind: 'verification',
        title: 'Mencermati dan mempelajari legalitas pelaku usaha serta melakukan pemantauan realisasi PMA/PMDN',
        time: duration('1 jam'),
        inputs: ['Daftar legalitas para penanam modal PMA/PMDN yang terpantau'],
        outputs: ['Sosialisasi/workshop, matrik evaluasi kegiatan, dan kunjungan ke perusahaan'],
      },
      {
        no: 3,
        lane: 'pemeriksa',
        kind: 'activity',
        title: 'Melaksanakan kegiatan pemantauan realisasi investasi pelaku usaha',
        time: duration('3 jam'),
        inputs: ['Sosialisasi/workshop, matrik evaluasi kegiatan, dan kunjungan ke perusahaan'],
        outputs: ['LKPM terbaru dan Berita Acara Pemantauan'],
      },
      {
        no: 4,
        lane: 'analis-kebijakan',
        kind: 'verification',
        title: 'Melakukan evaluasi hasil pemantauan dan realisasi investasi serta laporan LKPM',
        time: duration('30 menit'),
        inputs: ['LKPM terbaru dan Berita Acara Pemantauan'],
        outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
      },
      {
        no: 5,
        lane: 'kabid-pengendalian',
        kind: 'decision',
        title: 'Melakukan tindak lanjut pemantauan sebagai bahan evaluasi',
        time: duration('30 menit'),
        inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
        outputs: ['Data tercatat dan tersimpan'],
      },
      {
        no: 6,
        lane: 'pengadministrasi',
        kind: 'archiving',
        title: 'Pengarsipan dokumen',
        time: duration('30 menit'),
        inputs: ['Data tercatat dan tersimpan'],
        outputs: ['Laporan realisasi investasi penanaman modal'],
      },
    ],
    documents: [
      {
        kind: 'berita-acara-pemantauan',
        title: 'Berita Acara Pemantauan Pelaksanaan Penanaman Modal',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 3,
      },
    ],
    notes: [LANES_READ_FROM_WORDING],
  },
);
