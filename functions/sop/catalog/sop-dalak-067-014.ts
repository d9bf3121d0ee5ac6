import { dalakLanes, dalakSop, duration } from './dalak-common.ts';

const DECISIONS_PLACED =
  "The seed prints two Ya/Tidak decisions for 014 without their place; 014 has the same draft, correct, set, archive steps as 013, so they follow 013's flowchart (both Tidak: back to the draft).";

export const SOP_DALAK_067_014 = dalakSop('014', 'Rekomendasi Pencabutan Perizinan', '067/014/DPMPPTSP-DALAK/XI/2022', {
  actsOnPermit: true,
  lanes: dalakLanes(['fungsional', 'kabid-pengendalian', 'kepala-dinas']),
  steps: [
    {
      no: 1,
      lane: 'fungsional',
      kind: 'drafting',
      title: 'Menyiapkan data dan informasi pelaku usaha: nama, alamat dan jenis izin yang akan dicabut',
      time: duration('30 menit'),
      inputs: [
        'Berita Acara Pengawasan',
        'Pertimbangan teknis / rekomendasi pencabutan dari OPD teknis',
        'Data pelaku usaha dan dokumen izin',
      ],
      outputs: ['Data identitas pelaku usaha'],
    },
    {
      no: 2,
      lane: 'fungsional',
      kind: 'drafting',
      title:
        'Pertemuan tim teknis membahas pendalaman informasi, evaluasi perizinan dan menyusun draf Rekomendasi Pencabutan Izin',
      time: duration('60 menit'),
      inputs: [
        'Data identitas pelaku usaha',
        'Berita Acara Pengawasan',
        'Pertimbangan teknis / rekomendasi pencabutan dari OPD teknis',
      ],
      outputs: ['Draf Rekomendasi Pencabutan Izin'],
      inferred:
        'The seed: "Melaksanakan pertemuan tim teknis untuk membahas mengenai pendalaman informasi, evaluasi perizinan sebagaimana dimaksud dan ...", worded as 011/012 step 2. Here it produces the draft that the Kabid corrects at step 3, so it is read as the Fungsional\'s; 011/012 read it as the Kabid\'s (a planning meeting). The alternative is the Kabid here too.',
    },
    {
      no: 3,
      lane: 'kabid-pengendalian',
      kind: 'paraf-review',
      title: 'Melakukan evaluasi dan koreksi draf Rekomendasi Pencabutan Izin',
      time: duration('60 menit'),
      inputs: ['Draf Rekomendasi Pencabutan Izin'],
      outputs: ['Draf Rekomendasi Pencabutan Izin yang telah dikoreksi'],
      question: 'Draf rekomendasi sudah benar?',
      returns: [{ to: 2, answer: 'Tidak', reason: 'Draf rekomendasi perlu diperbaiki' }],
      inferred: DECISIONS_PLACED,
    },
    {
      no: 4,
      lane: 'kepala-dinas',
      kind: 'signature',
      title: 'Kepala Dinas menetapkan Rekomendasi Pencabutan Izin',
      time: duration('60 menit'),
      inputs: [
        'Draf Rekomendasi Pencabutan Izin',
        'Berita Acara Pengawasan',
        'Pertimbangan teknis / rekomendasi pencabutan dari OPD teknis',
      ],
      outputs: ['Rekomendasi Pencabutan Izin'],
      question: 'Rekomendasi ditetapkan?',
      returns: [{ to: 2, answer: 'Tidak', reason: 'Rekomendasi belum dapat ditetapkan: draf disusun kembali' }],
      inferred: `${DECISIONS_PLACED} Input corrected: the seed lists "Draft SK Kepala Dinas PMPTSP tentang Pencabutan Izin" as step 4's input, a decree this SOP never drafts (013's words); the catalog reads it as the Draf Rekomendasi Pencabutan Izin that steps 2 and 3 produce. The alternative, the seed as printed, would need a decree drafted elsewhere.`,
    },
    {
      no: 5,
      lane: 'fungsional',
      kind: 'archiving',
      title: 'Menyimpan dan mengarsipkan dokumen',
      time: duration('15 menit'),
      inputs: ['Rekomendasi Pencabutan Izin'],
      outputs: ['Arsip fisik dan arsip elektronik'],
    },
  ],
  documents: [
    {
      kind: 'rekomendasi-pencabutan',
      title: 'Rekomendasi Pencabutan Izin',
      letterhead: 'dpmptsp',
      copies: 3,
      draftedAt: 2,
      parafAt: [3],
      signedAt: 4,
      numberedAt: 4,
      register: 'rekomendasi-pencabutan',
      permitEffect: 'recommends-revocation',
    },
  ],
  notes: [
    "The seed lost the swimlane marks: drafting and archiving are the Fungsional's, the correction the Kabid's, setting the recommendation the Kepala's.",
  ],
});
