import type { SopInput } from '../schema.ts';
import { duration } from './dalak-common.ts';

type StepInput = SopInput['steps'][number];

const ONE_DAY_BEFORE = 'Surat tugas terbit 1 (satu) hari sebelum tanggal pelaksanaan inspeksi';
const SURAT_TUGAS_INPUTS = [ONE_DAY_BEFORE, 'Komputer, printer, ATK'];

/**
 * Step 4 happens on the date the Surat Tugas sets, at least a working day after the letter is issued
 * (step 3 approved), and its 180 minutes count from the opening of service on that date.
 */
const INSPECTION_DAY = {
  document: 'surat-tugas',
  field: 'waktu.mulai',
  minWorkingDaysAfter: 1,
  label: 'Tanggal mulai pelaksanaan pada Surat Tugas',
  asWritten: ONE_DAY_BEFORE,
} as const;

const INSPECTION_DAY_READ =
  'The seed: "Surat tugas terbit 1 (satu) hari sebelum tanggal pelaksanaan inspeksi". Read as: the Pemeriksa sets the date in the Surat Tugas, at least 1 working day after the letter is issued (step 3 approved), and step 4\'s 180 minutes count from that date. Alternatives: exactly one day before (the date is then fixed by the issue day), or one calendar day (an inspection on a Saturday after a Friday letter).';
/**
 * 011-014 word step 2 the same ("Melaksanakan pertemuan tim teknis untuk membahas mengenai pendalaman
 * informasi, evaluasi perizinan ..."), but only 013/014's produces a draft for the Kabid to correct.
 */
export const TIM_TEKNIS_MEETING_READ =
  'The seed: "Melaksanakan pertemuan tim teknis untuk membahas mengenai pendalaman informasi, evaluasi perizinan sebagaimana dimaksud dan rencana kerja dan verifikasi lapangan", the same words as 013/014 step 2 up to the output. Here (011/012) it plans the field verification (Jadwal inspeksi lapangan, Notulensi rapat) and is read as chaired by the Kabid, as the planning meeting of 009/010; in 013/014 it drafts the decree or recommendation that the Kabid then corrects, so it is read as the Fungsional\'s. The alternative is one lane for all four (the Fungsional here, or the Kabid there).';
const FIELD_INPUTS = [
  'Daftar pertanyaan',
  'Lembar isian profil pelaku usaha',
  'Draf Berita Acara Pemeriksaan',
  'Alat tulis',
  'Kamera',
];

/** Steps 1-4 of the inspection and revocation SOPs 009-012: prepare, plan in a meeting, Surat Tugas, go to the field. */
export function fieldWorkSteps(options: {
  dataTitle: string;
  dataInputs: string[];
  dataOutput: string;
  meetingTitle: string;
  meetingInputs: string[];
  letterTitle: string;
  fieldTitle: string;
  fieldOutputs: string[];
  /** Where the seed's wording of the meeting is read differently elsewhere (011/012 vs 013/014). */
  meetingInferred?: string;
}): StepInput[] {
  return [
    {
      no: 1,
      lane: 'fungsional',
      kind: 'drafting',
      title: options.dataTitle,
      time: duration('30 menit'),
      inputs: options.dataInputs,
      outputs: [options.dataOutput],
    },
    {
      no: 2,
      lane: 'kabid-pengendalian',
      kind: 'activity',
      title: options.meetingTitle,
      time: duration('60 menit'),
      inputs: options.meetingInputs,
      outputs: ['Jadwal inspeksi lapangan', 'Notulensi rapat'],
      ...(options.meetingInferred ? { inferred: options.meetingInferred } : {}),
    },
    {
      no: 3,
      lane: 'fungsional',
      kind: 'drafting',
      title: options.letterTitle,
      time: duration('60 menit'),
      inputs: SURAT_TUGAS_INPUTS,
      outputs: ['Surat Perintah Tugas'],
    },
    {
      no: 4,
      lane: 'fungsional',
      kind: 'activity',
      title: options.fieldTitle,
      time: duration('180 menit'),
      inputs: FIELD_INPUTS,
      outputs: options.fieldOutputs,
      scheduledBy: INSPECTION_DAY,
      inferred: INSPECTION_DAY_READ,
    },
  ];
}

export const SURAT_TUGAS = {
  kind: 'surat-tugas',
  title: 'Surat Tugas',
  letterhead: 'dpmptsp',
  copies: 1,
  draftedAt: 3,
  numberedAt: 3,
  register: 'surat-tugas',
  note: 'Terbit 1 (satu) hari sebelum tanggal pelaksanaan inspeksi',
} as const;
