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
  return sop.steps.some((step) =>
    step.returns.some((r) => r.to === 'applicant' && r.resumeAt === resumeAt && r.newApplication !== undefined),
  );
}

/**
 * The letters an official of `link.lane` is asked to sign at `link.step` as the office's signer
 * (config/signers.json): their act has no step of its own in the seed, so its link carries the step
 * that prepares the letters and the signer's lane, which differs from the step's. Empty for any other link.
 */
export function lettersToSign(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>): Sop['documents'] {
  const step = sop.steps.find((s) => s.no === link.step);
  if (link.purpose !== 'step' || !step || link.lane === step.lane) return [];
  return sop.documents.filter((doc) => doc.numberedAt === step.no && doc.officeSigner === link.lane);
}

/** The routes a step offers: approve, each send-back of the catalog, and reject where the SOP (or, for a correction, the office) allows it. */
export function allowedRoutes(
  sop: Sop,
  link: Pick<ApprovalLink, 'step' | 'purpose'> & Partial<Pick<ApprovalLink, 'lane'>>,
  settings: CloseSetting = officeSettings(),
): { route: string; label: string }[] {
  if (link.purpose === 'applicant-correction') {
    return [
      { route: 'approve', label: 'Berkas perbaikan sudah diterima' },
      ...(correctionCanClose(sop, link.step, settings)
        ? [
            {
              route: 'reject',
              label:
                'Tutup berkas tanpa perbaikan: pemohon menarik berkas, membuat permohonan baru, atau tidak menanggapi',
            },
          ]
        : []),
    ];
  }
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step) return [];
  if (link.lane !== undefined && lettersToSign(sop, { ...link, lane: link.lane }).length > 0) {
    // The signer signs, or returns the letter to whoever prepared it (the machine's StepNN_Signer_* states).
    return [
      { route: 'approve', label: 'Setuju dan tanda tangani' },
      { route: `return:${step.no}`, label: `Kembalikan ke ${returnTarget(sop, step.no)}` },
    ];
  }
  return [
    {
      route: 'approve',
      label: step.question
        ? 'Ya'
        : step.kind === 'paraf-review'
          ? 'Setuju dan paraf'
          : step.kind === 'signature'
            ? 'Setuju dan tanda tangani'
            : 'Setuju',
    },
    ...step.returns.map((r) => ({
      route: `return:${r.to}`,
      label: `${r.answer ? `${r.answer}: ` : ''}Kembalikan ke ${returnTarget(sop, r.to, r.via)}`,
    })),
    ...(step.canReject ? [{ route: 'reject', label: 'Tolak' }] : []),
  ];
}

/**
 * Whom a send-back reaches, by role and step ("Petugas Pemrosesan (langkah 7)"), so that the one
 * returning knows who gets the file; the applicant is reached through the front-office lane.
 */
export function returnTarget(sop: Sop, to: number | 'applicant', via?: string): string {
  const laneLabel = (id: string | undefined) => sop.lanes.find((lane) => lane.id === id)?.label;
  if (to === 'applicant') {
    const through = laneLabel(via);
    return through ? `pemohon (melalui ${through})` : 'pemohon';
  }
  const lane = laneLabel(sop.steps.find((s) => s.no === to)?.lane);
  return lane ? `${lane} (langkah ${to})` : `langkah ${to}`;
}
