import { LANES_READ_FROM_WORDING, dalakLanes, dalakSop, duration } from './dalak-common.ts';

const DECISIONS_PLACED =
  "The seed prints \"Tidak / Ya / Tidak / Ya\" after the table with no arrow, row or flowchart to anchor them, and no step text names a condition. They are read as the examiner's check that the request can be acted on (step 2, Tidak: back to the request, step 1) and the Kabid's follow-up deciding whether the guidance was enough (step 7, Tidak: back to preparing the material, step 4). Alternatives: the places of 012's flowchart (after the activity and after the follow-up), or no decision at all (as 010 and 011, which print none).";

export const SOP_DALAK_067_002 = dalakSop(
  '002',
  'Pembinaan Pelaksanaan Penanaman Modal Atas Dasar Permintaan',
  '067/002/DPMPPTSP-DALAK/XI/2022',
  {
    lanes: dalakLanes(['pengadministrasi', 'pemeriksa', 'pengolah', 'analis-kebijakan', 'kabid-pengendalian']),
    steps: [
      {
        no: 1,
        lane: 'pengadministrasi',
        kind: 'registration',
        title: 'Menerima permintaan pembinaan pelaksanaan penanaman modal melalui surat resmi dari pelaku usaha',
        time: duration('10 menit'),
        inputs: ['Surat resmi dari pelaku usaha'],
        outputs: ['Surat diarsipkan dan diberikan ke Pemeriksa Penanaman Modal'],
      },
      {
        no: 2,
        lane: 'pemeriksa',
        kind: 'decision',
        title: 'Mencermati dan mempelajari legalitas pelaku usaha serta melakukan pemantauan realisasi PMA/PMDN',
        time: duration('1 jam'),
        inputs: ['Surat resmi dari pelaku usaha'],
        outputs: ['Pengumpulan data (NIB, LKPM, SS, Izin, UMKU, PKKPR, PBG, Persetujuan Lingkungan) dan koordinasi'],
        question: 'Permintaan pembinaan dapat ditindaklanjuti?',
        returns: [
          {
            to: 1,
            answer: 'Tidak',
            reason: 'Permintaan atau legalitas pelaku usaha belum lengkap: surat permintaan dilengkapi kembali',
          },
        ],
        inferred: DECISIONS_PLACED,
      },
      {
        no: 3,
        lane: 'pengolah',
        kind: 'drafting',
        title: 'Mengumpulkan data dan bahan pembinaan serta berkoordinasi dengan pihak-pihak terkait',
        time: duration('1 jam'),
        inputs: ['Pengumpulan data dan koordinasi'],
        outputs: ['Bahan materi pembinaan'],
      },
      {
        no: 4,
        lane: 'analis-kebijakan',
        kind: 'drafting',
        title: 'Mempersiapkan materi pembinaan penanaman modal',
        time: duration('3 jam'),
        inputs: ['Materi untuk pembinaan'],
        outputs: ['Pembinaan penanaman modal ke pelaku usaha'],
      },
      {
        no: 5,
        lane: 'pemeriksa',
        kind: 'activity',
        title: 'Melaksanakan kegiatan pembinaan',
        time: duration('3 jam'),
        inputs: ['Konfirmasi kesiapan dan pelaksanaan kegiatan'],
        outputs: ['Notulensi pembinaan'],
      },
      {
        no: 6,
        lane: 'analis-kebijakan',
        kind: 'verification',
        title: 'Melakukan evaluasi hasil pembinaan terkait penyampaian LKPM',
        time: duration('30 menit'),
        inputs: ['Notulensi pembinaan'],
        outputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
      },
      {
        no: 7,
        lane: 'kabid-pengendalian',
        kind: 'decision',
        title: 'Melakukan tindak lanjut pembinaan sebagai bahan evaluasi',
        time: duration('30 menit'),
        inputs: ['Bahan evaluasi kegiatan pembinaan dan pengawasan'],
        outputs: ['Pembinaan, koordinasi dan sosialisasi'],
        question: 'Hasil pembinaan sudah memadai?',
        returns: [
          {
            to: 4,
            answer: 'Tidak',
            reason: 'Pembinaan belum memadai: materi disiapkan kembali untuk pembinaan lanjutan',
          },
        ],
        inferred: DECISIONS_PLACED,
      },
      {
        no: 8,
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
        kind: 'notulensi-pembinaan',
        title: 'Notulensi Pembinaan Pelaksanaan Penanaman Modal',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 5,
      },
    ],
    notes: [LANES_READ_FROM_WORDING],
  },
);
