import { dalakLanes, dalakSop, duration } from './dalak-common.ts';

/** The seed's flowchart: 2 -> decision (Tidak: back to 2) -> 4 -> decision (Tidak: back to 2) -> end. */
export const SOP_DALAK_067_013 = dalakSop(
  '013',
  'Pencabutan Perizinan Berdasarkan Putusan Pengadilan',
  '067/013/DPMPTSP-DALAK/XI/2022',
  {
    actsOnPermit: true,
    lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
    steps: [
      {
        no: 1,
        lane: 'fungsional',
        kind: 'drafting',
        title: 'Menyiapkan data dan informasi pelaku usaha: nama, alamat dan jenis izin yang akan dicabut',
        time: duration('30 menit'),
        inputs: ['Naskah keputusan pengadilan tentang pencabutan izin', 'Data pelaku usaha dan dokumen izin'],
        outputs: ['Data identitas pelaku usaha'],
      },
      {
        no: 2,
        lane: 'fungsional',
        kind: 'drafting',
        title:
          'Pertemuan tim teknis membahas pendalaman informasi, evaluasi perizinan dan menyusun draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin',
        time: duration('60 menit'),
        inputs: ['Data identitas pelaku usaha', 'Naskah keputusan pengadilan'],
        outputs: ['Draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin'],
        inferred:
          'The seed: "Melaksanakan pertemuan tim teknis untuk membahas mengenai pendalaman informasi, evaluasi perizinan sebagaimana dimaksud dan ...", worded as 011/012 step 2. Here it produces the draft that the Kabid corrects at step 3, so it is read as the Fungsional\'s; 011/012 read it as the Kabid\'s (a planning meeting). The alternative is the Kabid here too.',
      },
      {
        no: 3,
        lane: 'kabid-pengendalian',
        kind: 'paraf-review',
        title: 'Melakukan evaluasi dan koreksi draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin',
        time: duration('60 menit'),
        inputs: ['Draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin'],
        outputs: ['Draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin yang telah dikoreksi'],
        question: 'Draf SK sudah benar?',
        returns: [{ to: 2, answer: 'Tidak', reason: 'Draf SK perlu diperbaiki' }],
      },
      {
        no: 4,
        lane: 'kepala-dinas',
        kind: 'signature',
        title: 'Kepala Dinas menetapkan SK Kepala Dinas PMPTSP tentang Pencabutan Izin',
        time: duration('180 menit'),
        inputs: [
          'Draf SK Kepala Dinas PMPTSP tentang Pencabutan Izin',
          'Naskah keputusan pengadilan tentang pencabutan izin',
        ],
        outputs: ['SK Kepala Dinas PMPTSP tentang Pencabutan Izin'],
        question: 'SK ditetapkan?',
        returns: [{ to: 2, answer: 'Tidak', reason: 'SK belum dapat ditetapkan: draf disusun kembali' }],
      },
      {
        no: 5,
        lane: 'fungsional',
        kind: 'archiving',
        title: 'Menyimpan dan mengarsipkan dokumen',
        time: duration('15 menit'),
        inputs: ['SK Kepala Dinas PMPTSP tentang Pencabutan Izin'],
        outputs: ['Arsip fisik dan arsip elektronik'],
      },
    ],
    documents: [
      {
        kind: 'sk-pencabutan',
        title: 'Keputusan Kepala Dinas PMPTSP tentang Pencabutan Izin',
        letterhead: 'dpmptsp',
        copies: 3,
        draftedAt: 2,
        parafAt: [3],
        signedAt: 4,
        numberedAt: 4,
        register: 'sk-kepala-dinas',
        permitEffect: 'revokes',
        note: 'Nomor SK diberikan setelah Kepala Dinas menandatangani',
      },
    ],
    notes: [
      "The seed lost the swimlane marks: drafting and archiving are the Fungsional's, the correction (a paraf on the draft) the Kabid's, the decree the Kepala's.",
      'Keputusan Ya/Tidak mengikuti diagram alir pada SOP',
    ],
  },
);
