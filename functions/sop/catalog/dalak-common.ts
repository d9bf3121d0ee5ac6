import { dalakSections } from './dalak-sections.ts';
import type { SopInput } from '../schema.ts';
import { DALAK_APPROVAL } from './common.ts';

type StepInput = SopInput['steps'][number];
type LaneInput = SopInput['lanes'][number];
type TimeInput = NonNullable<StepInput['time']>;

/** The DALAK seeds give durations as "30 menit", "1 jam" or two rows ("1 jam", "2 jam") for one step. */
export function duration(...parts: string[]): TimeInput {
  const minutes = parts.reduce((sum, part) => {
    const match = /^(\d+)\s*(menit|jam)$/.exec(part.trim());
    if (!match) throw new Error(`unreadable DALAK duration "${part}"`);
    return sum + Number(match[1]) * (match[2] === 'jam' ? 60 : 1);
  }, 0);
  return { asWritten: parts.join(' + '), minMinutes: minutes, maxMinutes: minutes };
}

const LANE_LABELS: Record<string, string> = {
  pengolah: 'Pengolah',
  pemeriksa: 'Pemeriksa Penanaman Modal',
  'analis-kebijakan': 'Analisis Kebijakan',
  pengadministrasi: 'Pengadministrasi',
  'kabid-pengendalian': 'Kabid Pengendalian',
  'helpdesk-lkpm': 'Tim Helpdesk LKPM (Staf Dalak)',
  'verifikator-lkpm': 'Tim Verifikator LKPM',
  fungsional: 'Fungsional/ Pelaksana',
  'kepala-dinas': 'Kepala Dinas',
};

/** Lanes in the order of the seed's columns; staff lanes answer to the Kabid, the Kabid to the Kepala where the SOP has one. */
export function dalakLanes(ids: string[], labelOverrides: Record<string, string> = {}): LaneInput[] {
  return ids.map((id) => {
    const label = labelOverrides[id] ?? LANE_LABELS[id];
    if (!label) throw new Error(`no label for DALAK lane "${id}"`);
    const supervisor =
      id === 'kepala-dinas'
        ? undefined
        : id === 'kabid-pengendalian'
          ? ids.includes('kepala-dinas')
            ? 'kepala-dinas'
            : undefined
          : 'kabid-pengendalian';
    return supervisor ? { id, label, supervisor } : { id, label };
  });
}

export const LANES_READ_FROM_WORDING =
  "The seed lost the swimlane marks of this table: each step's lane is read from its wording (data work to Pengolah, examining and field work to Pemeriksa, evaluation and reports to Analis Kebijakan, follow-up decisions to the Kabid, letters and archives to Pengadministrasi).";

export const INSPECTION_LANES_READ =
  'The seed lost the swimlane marks of this table: preparing, inspecting and archiving are read as Fungsional/Pelaksana, evaluation as the Kabid, and the follow-up policy (Disposisi Kepala Dinas) as the Kepala Dinas.';

export function dalakSop(
  no: string,
  name: string,
  documentNumber: string,
  rest: Omit<
    SopInput,
    | 'id'
    | 'aliases'
    | 'family'
    | 'title'
    | 'documentNumber'
    | 'revision'
    | 'createdDate'
    | 'effectiveDate'
    | 'approvedBy'
    | 'sections'
  >,
): SopInput {
  return {
    id: `SOP-DALAK-067-${no}`,
    aliases: [`dalak-${no}`, `067/${no}`],
    family: 'control',
    title: name,
    documentNumber,
    ...DALAK_APPROVAL,
    approvedBy: { ...DALAK_APPROVAL.approvedBy },
    sections: dalakSections(no),
    ...rest,
    notes: ['Tanggal revisi kosong pada SOP (belum ada revisi)', ...(rest.notes ?? [])],
  };
}

/** Steps 5-7 shared by the inspection SOPs 009-012: evaluate the report, the Kepala's follow-up policy, archive. */
export function inspectionClosingSteps(options: {
  evaluationTitle: string;
  evaluationInput: string;
  evaluationOutput: string;
  policyTitle: string;
  policyInput: string;
  evaluationReturnsTo?: number;
  policyReturnsTo?: number;
  inferredDecisions?: string;
}): StepInput[] {
  const { evaluationReturnsTo, policyReturnsTo } = options;
  const evaluationDecision = evaluationReturnsTo !== undefined;
  const policyDecision = policyReturnsTo !== undefined;
  return [
    {
      no: 5,
      lane: 'kabid-pengendalian',
      kind: evaluationDecision ? 'decision' : 'verification',
      title: options.evaluationTitle,
      time: duration('60 menit'),
      inputs: [options.evaluationInput],
      outputs: [options.evaluationOutput],
      ...(evaluationDecision
        ? {
            question: 'Laporan dan bahan telaahan dapat dipertanggungjawabkan?',
            returns: [
              {
                to: evaluationReturnsTo,
                answer: 'Tidak',
                reason: 'Laporan belum dapat dipertanggungjawabkan: dibahas kembali',
              },
            ],
          }
        : {}),
      ...(options.inferredDecisions ? { inferred: options.inferredDecisions } : {}),
    },
    {
      no: 6,
      lane: 'kepala-dinas',
      kind: 'decision',
      title: options.policyTitle,
      time: duration('60 menit'),
      inputs: [options.policyInput],
      outputs: ['Disposisi Kepala Dinas PMPTSP'],
      ...(policyDecision
        ? {
            question: 'Rencana tindak lanjut disetujui?',
            returns: [
              {
                to: policyReturnsTo,
                answer: 'Tidak',
                reason: 'Rencana tindak lanjut belum disetujui: pemeriksaan / verifikasi lapangan diulang',
              },
            ],
          }
        : {}),
      ...(options.inferredDecisions ? { inferred: options.inferredDecisions } : {}),
    },
    {
      no: 7,
      lane: 'fungsional',
      kind: 'archiving',
      title: 'Menyimpan dan mengarsipkan dokumen',
      time: duration('15 menit'),
      inputs: ['Dokumen PMPTSP'],
      outputs: ['Arsip fisik dan arsip elektronik'],
    },
  ];
}
