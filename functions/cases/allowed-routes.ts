import { officeSettings, type OfficeSettings } from '#config/office-settings.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { Sop } from '#sop/schema.ts';

type CloseSetting = Pick<OfficeSettings, 'applicantCorrectionCanClose'>;

/**
 * Whether a wait for the applicant's correction resuming at `resumeAt` may close the case: where a
 * send-back to the applicant resuming there quotes the seed's "membuat permohonan baru", or
 * everywhere when the office chose so (config/office.json, the default).
 */
export function correctionCanClose(sop: Sop, resumeAt: number, settings: CloseSetting = officeSettings()): boolean {
  if (settings.applicantCorrectionCanClose === 'every-return') return true;
  return sop.steps.some((step) => step.returns.some((r) => r.to === 'applicant' && r.resumeAt === resumeAt && r.newApplication !== undefined));
}

/** The routes a step offers: approve, each send-back of the catalog, and reject where the SOP (or, for a correction, the office) allows it. */
export function allowedRoutes(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose'>, settings: CloseSetting = officeSettings()): { route: string; label: string }[] {
  if (link.purpose === 'applicant-correction') {
    return [
      { route: 'approve', label: 'Berkas perbaikan sudah diterima' },
      ...(correctionCanClose(sop, link.step, settings) ? [{ route: 'reject', label: 'Pemohon menarik berkas atau membuat permohonan baru (berkas ditutup)' }] : []),
    ];
  }
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step) return [];
  return [
    { route: 'approve', label: step.question ? 'Ya' : step.kind === 'paraf-review' ? 'Setuju dan paraf' : step.kind === 'signature' ? 'Setuju dan tanda tangani' : 'Setuju' },
    ...step.returns.map((r) => ({
      route: `return:${r.to}`,
      label: `${r.answer ? `${r.answer}: ` : ''}Kembalikan ke ${r.to === 'applicant' ? 'pemohon' : `langkah ${r.to}`}`,
    })),
    ...(step.canReject ? [{ route: 'reject', label: 'Tolak' }] : []),
  ];
}
