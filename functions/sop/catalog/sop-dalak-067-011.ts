import { INSPECTION_LANES_READ, dalakLanes, dalakSop, inspectionClosingSteps } from './dalak-common.ts';
import { SURAT_TUGAS, TIM_TEKNIS_MEETING_READ, fieldWorkSteps } from './dalak-inspection.ts';

export const SOP_DALAK_067_011 = dalakSop(
  '011',
  'Pencabutan Perizinan Berdasarkan Permohonan',
  '067/011/DPMPPTSP-DALAK/XI/2022',
  {
    actsOnPermit: true,
    permitRole: 'Izin yang dimohonkan untuk dicabut',
    lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
    steps: [
      ...fieldWorkSteps({
        dataTitle: 'Menyiapkan data dan informasi pelaku usaha: nama, alamat dan jenis izin yang akan dicabut',
        dataInputs: ['Surat permohonan pencabutan izin dari pemohon', 'Data pelaku usaha dan dokumen izin'],
        dataOutput: 'Data identitas pelaku usaha',
        meetingTitle:
          'Pertemuan tim teknis membahas pendalaman informasi, evaluasi perizinan, rencana kerja dan verifikasi lapangan',
        meetingInputs: ['Data identitas pelaku usaha', 'Surat permohonan pencabutan izin'],
        letterTitle: 'Menyiapkan Surat Tugas',
        meetingInferred: TIM_TEKNIS_MEETING_READ,
        fieldTitle: 'Melaksanakan verifikasi lapangan',
        fieldOutputs: ['Berita Acara Pencabutan Izin', 'Bahan telaahan staf', 'Foto'],
      }),
      ...inspectionClosingSteps({
        evaluationTitle:
          'Melakukan evaluasi laporan hasil verifikasi dan bahan telaahan staf sebagai bahan rumusan rencana tindak lanjut',
        evaluationInput: 'Berita Acara Rencana Pencabutan Izin dan bahan telaahan staf dapat dipertanggungjawabkan',
        evaluationOutput: 'Bahan rumusan rencana tindak lanjut hasil verifikasi',
        policyTitle: 'Kepala Dinas menetapkan kebijakan rencana tindak lanjut hasil verifikasi',
        policyInput: 'Tindak lanjut hasil verifikasi; izin dari OPD teknis',
      }),
    ],
    documents: [
      SURAT_TUGAS,
      {
        kind: 'berita-acara-pemeriksaan',
        title: 'Berita Acara Pencabutan Izin',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: 4,
        inferred:
          'Named as step 4\'s output ("Berita Acara Pencabutan izin"); step 5 takes it as "Berita Acara Rencana Pencabutan Izin", the name 012 gives its step 4 output. Same document read; the alternative is 012\'s name.',
      },
    ],
    notes: [INSPECTION_LANES_READ, 'SOP ini tidak menggambar keputusan Ya/Tidak'],
  },
);
