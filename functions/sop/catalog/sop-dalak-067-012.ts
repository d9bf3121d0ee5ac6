import { INSPECTION_LANES_READ, dalakLanes, dalakSop, inspectionClosingSteps } from './dalak-common.ts';
import { SURAT_TUGAS, TIM_TEKNIS_MEETING_READ, fieldWorkSteps } from './dalak-inspection.ts';

/** The seed's flowchart: 2 -> 3 -> 4 -> decision (Tidak: back to 2) -> 6 -> decision (Tidak: back to 4) -> end. */
export const SOP_DALAK_067_012 = dalakSop(
  '012',
  'Pencabutan Perizinan Berdasarkan Pelanggaran',
  '067/012/DPMPTSP-DALAK/XI/2022',
  {
    actsOnPermit: true,
    permitRole: 'Izin yang diperiksa untuk dicabut',
    lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
    steps: [
      ...fieldWorkSteps({
        dataTitle: 'Menyiapkan data dan informasi pelaku usaha: nama, alamat dan jenis izin yang akan dicabut',
        dataInputs: ['Pertimbangan teknis pencabutan izin dari OPD teknis', 'Data pelaku usaha dan dokumen'],
        dataOutput: 'Data identitas pelaku usaha',
        meetingTitle:
          'Pertemuan tim teknis membahas pendalaman informasi, evaluasi perizinan, rencana kerja dan verifikasi lapangan',
        meetingInputs: ['Data identitas pelaku usaha', 'Surat permohonan pencabutan izin'],
        letterTitle: 'Menyiapkan Surat Tugas',
        meetingInferred: TIM_TEKNIS_MEETING_READ,
        fieldTitle: 'Melaksanakan verifikasi lapangan',
        fieldOutputs: ['Berita Acara Rencana Pencabutan Izin', 'Bahan telaahan staf', 'Foto'],
      }),
      ...inspectionClosingSteps({
        evaluationTitle:
          'Melakukan evaluasi laporan hasil verifikasi dan bahan telaahan staf sebagai bahan rumusan rencana tindak lanjut',
        evaluationInput: 'Berita Acara Rencana Pencabutan Izin dan bahan telaahan staf dapat dipertanggungjawabkan',
        evaluationOutput: 'Bahan rumusan rencana tindak lanjut hasil verifikasi',
        policyTitle: 'Kepala Dinas menetapkan kebijakan rencana tindak lanjut hasil verifikasi',
        policyInput: 'Tindak lanjut hasil verifikasi; izin dari OPD teknis',
        evaluationReturnsTo: 2,
        policyReturnsTo: 4,
      }),
    ],
    documents: [
      SURAT_TUGAS,
      {
        kind: 'berita-acara-pemeriksaan',
        title: 'Berita Acara Rencana Pencabutan Izin',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 4,
      },
    ],
    notes: [INSPECTION_LANES_READ, 'Keputusan Ya/Tidak mengikuti diagram alir pada SOP'],
  },
);
