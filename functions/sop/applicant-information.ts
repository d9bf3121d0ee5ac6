import { officeSettings, type OfficeSettings } from '#config/office-settings.ts';
import type { Sop, Step } from './schema.ts';

type Settings = Pick<OfficeSettings, 'complaintChannels' | 'handoverRightsAndDuties'>;

/** What the applicant is told, and whether the words are the SOP's or the office's own setting. */
export interface ApplicantInformation {
  items: string[];
  source: 'sop' | 'office';
}

/**
 * The complaint channels the applicant's pages and receipts name: the SOP's own section ("Penanganan
 * pengaduan, saran dan masukan"), or the office's (config/office.json complaintChannels) where the seed
 * has none.
 */
export function complaintChannels(sop: Sop, settings: Settings = officeSettings()): ApplicantInformation {
  const own = sop.sections.pengaduan;
  return own?.length ? { items: own, source: 'sop' } : { items: settings.complaintChannels, source: 'office' };
}

/**
 * The rights and duties the handover gives the applicant: the list the seed prints for its handover
 * step ("Informasi hak dan kewajiban pemohon dapat mencakup"), or, where the seed only names them
 * (`informsNamedOnly`), the office's list (config/office.json handoverRightsAndDuties).
 */
export function handoverRightsAndDuties(
  sop: Sop,
  settings: Settings = officeSettings(),
): ApplicantInformation & { namedBySeed?: string } {
  const step = handoverStep(sop);
  if (step?.informs.length) return { items: step.informs, source: 'sop' };
  return {
    items: settings.handoverRightsAndDuties,
    source: 'office',
    ...(step?.informsNamedOnly ? { namedBySeed: step.informsNamedOnly } : {}),
  };
}

/** The step where the office hands the permit over (Tata Usaha, or the pickup counter). */
export function handoverStep(sop: Sop): Step | undefined {
  return sop.steps.find((step) => step.kind === 'handover');
}
