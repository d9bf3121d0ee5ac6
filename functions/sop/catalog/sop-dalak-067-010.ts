import { INSPECTION_LANES_READ, dalakLanes, dalakSop, inspectionClosingSteps } from './dalak-common.ts';
import { SURAT_TUGAS, fieldWorkSteps } from './dalak-inspection.ts';

export const SOP_DALAK_067_010 = dalakSop(
  '010',
  'Pengawasan Insidentil Terhadap Penanaman Modal Dalam Negeri dan Penanaman Modal Asing',
  '067/010/DPMPPTSP-DALAK/XI/2022',
  {
    lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
    steps: [
      ...fieldWorkSteps({
        dataTitle:
          'Menyiapkan data dan informasi pelaku usaha: nama, alamat, maksud dan tujuan usaha, NIB, Sertifikat Standar/Izin, dan LKPM',
        dataInputs: ['Pelaku usaha dengan tingkat risiko menengah rendah, menengah tinggi dan risiko tinggi'],
        dataOutput: 'Data usaha',
        meetingTitle:
          'Pertemuan internal Seksi Pengawasan (dan Seksi/Bidang lain bila diperlukan) membahas petugas, waktu dan objek pengawasan, review awal data pelaku usaha dan permasalahan berdasarkan pengaduan',
        meetingInputs: ['Data identitas pelaku usaha', 'Surat pengaduan'],
        letterTitle: 'Menyiapkan Surat Tugas',
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
      }),
    ],
    documents: [
      SURAT_TUGAS,
      {
        kind: 'berita-acara-pemeriksaan',
        title: 'Berita Acara Pemeriksaan',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 4,
      },
      { kind: 'laporan-pengawasan', title: 'Laporan Hasil Pengawasan', letterhead: 'dpmptsp', copies: 1, draftedAt: 4 },
    ],
    notes: [INSPECTION_LANES_READ, 'Dipicu oleh surat pengaduan; SOP ini tidak menggambar keputusan Ya/Tidak'],
  },
);
