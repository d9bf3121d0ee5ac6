import type * as z from 'zod';
import { formatTanggal } from '#documents/format-dates.ts';
import type { Register } from './registers.ts';
import type * as shapes from './sop-schemas.ts';

/**
 * One SOP of the catalog: its types, the names its steps and sections use, and helpers on it. Text a
 * user sees (titles, step descriptions, requirement labels) is in Bahasa Indonesia; `asWritten` fields
 * keep the seed's own words so that a reader can check the catalog against the SOP without the PDF.
 * The zod schemas the types come from are in sop-schemas.ts, apart, so that code which only reads a
 * validated catalog (every Lambda function, which carries it checked when it was built) does not build them.
 */

export const STEP_KINDS = [
  'information',
  'applicant-action',
  'front-office-check',
  'registration',
  'verification',
  'drafting',
  'paraf-review',
  'signature',
  'registration-number',
  'external-recommendation',
  'activity',
  'handover',
  'decision',
  'archiving',
] as const;

/** How a kind reads to an Indonesian reader, in tables and diagrams. */
export const STEP_KIND_LABELS: Record<(typeof STEP_KINDS)[number], string> = {
  information: 'informasi',
  'applicant-action': 'tindakan pemohon',
  'front-office-check': 'pemeriksaan berkas',
  registration: 'pendaftaran',
  verification: 'verifikasi',
  drafting: 'input data & draf',
  'paraf-review': 'pemeriksaan & paraf',
  signature: 'tanda tangan',
  'registration-number': 'nomor registrasi',
  'external-recommendation': 'rekomendasi teknis',
  activity: 'pelaksanaan kegiatan',
  handover: 'penyerahan',
  decision: 'keputusan',
  archiving: 'pengarsipan',
};

/**
 * Where a step happens relative to the case:
 * - before-case: before the application is accepted (asking the information desk); stays out of the machine.
 * - intake: done at the counter while the case is being created (the checklist check, the registration);
 *   the person's act is the intake form itself, so the machine records it with a Lambda task instead of waiting.
 * - case: everything after; a person's step is a callback task of the machine.
 */
export const STEP_PHASES = ['before-case', 'intake', 'case'] as const;

/** A step's phase as the CLI writes it (the steps table, the differences between revisions). */
export const PHASE_LABELS: Record<(typeof STEP_PHASES)[number], string> = {
  'before-case': 'sebelum berkas',
  intake: 'di loket',
  case: 'berkas',
};

/** The SOP sections the catalog holds, by the schema's names. */
export const SECTION_NAMES = [
  'dasarHukum',
  'keterkaitan',
  'peralatan',
  'kualifikasiPelaksana',
  'pencatatan',
  'peringatan',
  'pengaduan',
  'evaluasi',
  'dibuatOleh',
  'diperiksaOleh',
] as const;

export type StepKind = (typeof STEP_KINDS)[number];
export type TimeStandard = z.infer<typeof shapes.TimeStandardSchema>;
export type SendBack = z.infer<typeof shapes.SendBackSchema>;
export type Step = z.infer<typeof shapes.StepSchema>;
export type Schedule = z.infer<typeof shapes.ScheduleSchema>;
export type Lane = z.infer<typeof shapes.LaneSchema>;
export type Fact = z.infer<typeof shapes.FactSchema>;
export type Requirement = z.infer<typeof shapes.RequirementSchema>;
export type DocumentSpec = z.infer<typeof shapes.DocumentSpecSchema>;
export type { Register };
export type Sop = z.infer<typeof shapes.SopSchema>;
export type SopSections = z.infer<typeof shapes.SopSectionsSchema>;
export type SectionName = (typeof SECTION_NAMES)[number];
/** What a catalog file writes: defaults may be left out. */
export type SopInput = z.input<typeof shapes.SopSchema>;

/**
 * The name of an SOP's revision: the number the seed prints, or where it prints none (the DALAK SOPs)
 * the day it took effect. Machine files, execution records and case records carry it.
 */
export const revisionOf = (sop: Pick<Sop, 'revision' | 'effectiveDate'>): string => sop.revision ?? sop.effectiveDate;

/** How a person reads a revision, in Bahasa Indonesia: "revisi 02, berlaku 7 Juni 2017", or "berlaku 6 Desember 2022" where the seed prints no number. */
export function revisionLabel(sop: Pick<Sop, 'revision' | 'effectiveDate'>): string {
  const effective = `berlaku ${formatTanggal(sop.effectiveDate)}`;
  return sop.revision ? `revisi ${sop.revision}, ${effective}` : effective;
}

/** Step `no` of the SOP; the catalog's checks let no step number dangle, so a missing one is a bug. */
export function stepNumbered(sop: Pick<Sop, 'id' | 'steps' | 'revision' | 'effectiveDate'>, no: number): Step {
  const step = sop.steps.find((s) => s.no === no);
  if (!step) throw new Error(`${sop.id} (revision ${revisionOf(sop)}) has no step ${no}`);
  return step;
}
