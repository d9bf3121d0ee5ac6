import { planStepActions, type StepAction } from '#sop/plan-step-actions.ts';
import type { Sop } from '#sop/schema.ts';
import type { ApprovalLink } from '#records/links.ts';
import { lettersToSign } from './allowed-routes.ts';

/**
 * Whether approving on this link puts a signature on a document: a paraf, the signature, the
 * register stamp of the step, or the office's signer's signature on a letter. Those ask for the
 * signer's own factor (decide.ts); every other decision acts on the session alone.
 */
export function approvalSigns(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>): boolean {
  if (link.purpose !== 'step') return false;
  if (lettersToSign(sop, link).length > 0) return true;
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step || step.lane !== link.lane) return false;
  return planStepActions(sop, step).some(
    (action) =>
      action.type === 'paraf' || action.type === 'stamp' || (action.type === 'sign' && action.lane === undefined),
  );
}

/**
 * What the official gives to approve on this link: with BSrE (PARAF_SIGNER=bsre), the BSrE
 * passphrase where approving puts their paraf or signature, which BSrE makes with their certificate;
 * otherwise, and for the register stamp alone (the office's own key), their authenticator code;
 * nothing where approving signs nothing.
 */
export function signingFactorOf(
  sop: Sop,
  link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>,
  signer: 'local' | 'kms' | 'bsre',
): 'passphrase' | 'code' | undefined {
  if (!approvalSigns(sop, link)) return undefined;
  return signer === 'bsre' && personalSignatures(sop, link).length > 0 ? 'passphrase' : 'code';
}

/**
 * The machine actions approving on this link makes under the official's own name, in the machine's
 * order: the letters the office's signer signs, or the step's paraf and signature. BSrE makes these
 * in the decision request. No catalog step signs what it drafts itself, so none needs a render first.
 */
export function personalSignatures(
  sop: Sop,
  link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>,
): Extract<StepAction, { type: 'paraf' | 'sign' }>[] {
  if (link.purpose !== 'step') return [];
  const letters = lettersToSign(sop, link);
  if (letters.length > 0) return [{ type: 'sign', documents: letters.map((doc) => doc.kind), lane: link.lane }];
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step || step.lane !== link.lane) return [];
  return planStepActions(sop, step).filter(
    (action): action is Extract<StepAction, { type: 'paraf' | 'sign' }> =>
      action.type === 'paraf' || (action.type === 'sign' && action.lane === undefined),
  );
}

/** Whether the link's lane is outside the office (the applicant's own step): acting on it needs no sign-in. */
export function isPublicStep(sop: Sop, link: Pick<ApprovalLink, 'lane' | 'purpose'>): boolean {
  return link.purpose === 'step' && sop.lanes.some((lane) => lane.id === link.lane && lane.external);
}

/** The handover of the permit: recorded only on Tata Usaha's page, against the applicant's receipt code. */
export function isHandover(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose'>): boolean {
  return link.purpose === 'step' && sop.steps.find((s) => s.no === link.step)?.kind === 'handover';
}

/** The documents approving on this link signs with the signature (not a paraf or the register stamp). */
export function documentsSignedOn(sop: Sop, link: Pick<ApprovalLink, 'step' | 'purpose' | 'lane'>): string[] {
  if (link.purpose !== 'step') return [];
  const letters = lettersToSign(sop, link);
  if (letters.length > 0) return letters.map((doc) => doc.kind);
  const step = sop.steps.find((s) => s.no === link.step);
  if (!step || step.lane !== link.lane) return [];
  return planStepActions(sop, step).flatMap((action) =>
    action.type === 'sign' && action.lane === undefined ? action.documents : [],
  );
}
