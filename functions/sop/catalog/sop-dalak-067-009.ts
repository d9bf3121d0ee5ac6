import { INSPECTION_LANES_READ, dalakLanes, dalakSop, inspectionClosingSteps } from './dalak-common.ts';
import { SURAT_TUGAS, fieldWorkSteps } from './dalak-inspection.ts';

export const SOP_DALAK_067_009 = dalakSop(
  '009',
  'Pengawasan Rutin Terhadap Penanaman Modal Dalam Negeri dan Penanaman Modal Asing',
  '067/009/DPMPPTSP-DALAK/XI/2022',
  {
    lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
    steps: [
      ...fieldWorkSteps({
        dataTitle:
          'Menyiapkan data dan informasi pelaku usaha: nama, alamat, maksud dan tujuan usaha, NIB, Sertifikat Standar/Izin, dan LKPM',
        dataInputs: ['Pelaku usaha dengan tingkat risiko menengah rendah, menengah tinggi dan risiko tinggi'],
        dataOutput: 'Pelaporan LKPM',
        meetingTitle:
          'Pertemuan internal Seksi Pengawasan (dan Seksi/Bidang lain bila diperlukan) membahas petugas, waktu dan objek pengawasan, review awal data pelaku usaha dan hasil pengawasan periode sebelumnya',
        meetingInputs: ['Data identitas pelaku usaha', 'BAP pengawasan periode sebelumnya'],
        letterTitle: 'Menyiapkan Surat Tugas dan Surat Pemberitahuan Pelaksanaan Inspeksi Lapangan kepada pelaku usaha',
        fieldTitle: 'Melaksanakan inspeksi lapangan',
        fieldOutputs: [
          'Profil pelaku usaha',
          'Berita Acara Pemeriksaan',
          'Laporan hasil pengawasan',
          'Bahan telaahan staf',
          'Foto',
        ],
      }),
      ...inspectionClosingSteps({
        evaluationTitle:
          'Melakukan evaluasi laporan hasil pengawasan dan bahan telaahan staf sebagai bahan rumusan rencana tindak lanjut',
        evaluationInput: 'Berita Acara Pengawasan dan bahan telaahan staf dapat dipertanggungjawabkan',
        evaluationOutput: 'Bahan rumusan rencana tindak lanjut hasil pengawasan',
        policyTitle: 'Kepala Dinas menetapkan kebijakan rencana tindak lanjut hasil pengawasan',
        policyInput: 'Bahan rumusan rencana tindak lanjut hasil pengawasan',
        evaluationReturnsTo: 2,
        policyReturnsTo: 4,
        inferredDecisions:
          "The seed prints two Ya/Tidak decisions for 009 without their place; they follow the flowchart the seed gives for 012, whose steps are the same (evaluation: Tidak back to the meeting; the Kepala's policy: Tidak back to the field inspection).",
      }),
    ],
    documents: [
      SURAT_TUGAS,
      {
        kind: 'pemberitahuan-inspeksi',
        title: 'Surat Pemberitahuan Pelaksanaan Inspeksi Lapangan',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 3,
        numberedAt: 3,
        register: 'surat-keluar-dalak',
      },
      {
        kind: 'berita-acara-pemeriksaan',
        title: 'Berita Acara Pemeriksaan',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 4,
      },
      { kind: 'laporan-pengawasan', title: 'Laporan Hasil Pengawasan', letterhead: 'dpmptsp', copies: 1, draftedAt: 4 },
    ],
    notes: [INSPECTION_LANES_READ],
  },
);
