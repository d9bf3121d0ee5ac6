import type { ApprovalLink } from '#records/links.ts';
import type { Sop } from '#sop/schema.ts';

/** The routes a step offers: approve, each send-back of the catalog, and reject where the SOP allows it. */
export function allowedRoutes(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose'>): { route: string; label: string }[] {
  if (link.purpose === 'applicant-correction') {
    return [
      { route: 'approve', label: 'Berkas perbaikan sudah diterima' },
      { route: 'reject', label: 'Pemohon membuat permohonan baru (berkas ditutup)' },
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
