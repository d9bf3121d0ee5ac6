import type { Sop, Step } from './schema.ts';

/** A machine action that follows a person's decision (or, at intake, stands for it). */
export type StepAction =
  | { type: 'record'; intake: 'check' | 'register' | 'receive' }
  | { type: 'render'; documents: string[] }
  | { type: 'paraf'; documents: string[] }
  | { type: 'sign'; documents: string[]; lane?: string }
  /** A person's act the seed has no step for: the office's signer of a letter (config/signers.json) is asked to sign it. */
  | { type: 'ask-signer'; lane: string; documents: string[] }
  | { type: 'number'; documents: string[] }
  | { type: 'stamp'; documents: string[] }
  | { type: 'archive' };

const INTAKE_RECORD: Partial<Record<Step['kind'], 'check' | 'register' | 'receive'>> = {
  'front-office-check': 'check',
  registration: 'register',
  'applicant-action': 'receive',
};

/**
 * What the machine does after step `step` is approved, read from the catalog's documents:
 * render what the step drafts, then paraf, sign (asking the office's signer of a letter first, where
 * the seed names none), number (and stamp the number onto the copies), and archive at an archiving step or the Tata Usaha's registration. Order matters: a number is
 * given only after the signature, as on paper.
 */
export function planStepActions(sop: Sop, step: Step): StepAction[] {
  const actions: StepAction[] = [];
  if (step.phase === 'intake') {
    const intake = INTAKE_RECORD[step.kind];
    if (!intake)
      throw new Error(`${sop.id}, step ${step.no}: an intake step of kind ${step.kind} has nothing to record`);
    actions.push({ type: 'record', intake });
  }
  const kinds = (pick: (doc: Sop['documents'][number]) => boolean) => sop.documents.filter(pick).map((doc) => doc.kind);
  const drafted = kinds((doc) => doc.draftedAt === step.no);
  const paraf = kinds((doc) => doc.parafAt.includes(step.no));
  // The office's signer signs on this step's own approval when the step is theirs; otherwise they are asked after it.
  const signed = kinds(
    (doc) => doc.signedAt === step.no || (doc.numberedAt === step.no && doc.officeSigner === step.lane),
  );
  const numbered = kinds((doc) => doc.numberedAt === step.no);
  // Every numbered document carries its number on paper, stamped onto the signed copies.
  const stamped = numbered;
  if (drafted.length) actions.push({ type: 'render', documents: drafted });
  if (paraf.length) actions.push({ type: 'paraf', documents: paraf });
  if (signed.length) actions.push({ type: 'sign', documents: signed });
  for (const { lane, documents } of signersAskedAfter(sop, step))
    actions.push(
      { type: 'ask-signer', lane, documents: documents.map((doc) => doc.kind) },
      { type: 'sign', documents: documents.map((doc) => doc.kind), lane },
    );
  if (numbered.length) actions.push({ type: 'number', documents: numbered });
  if (stamped.length) actions.push({ type: 'stamp', documents: stamped });
  if (step.kind === 'archiving' || step.kind === 'registration-number') actions.push({ type: 'archive' });
  return actions;
}

/**
 * The office's signers (config/signers.json) asked after a step's own approval, each with the letters
 * of that step they sign, in the catalog's order: a signer whose lane is the step's signs on its
 * approval instead, and is not asked again.
 */
export function signersAskedAfter(
  sop: Sop,
  step: Pick<Step, 'no' | 'lane'>,
): { lane: string; documents: Sop['documents'] }[] {
  const lanes = [
    ...new Set(
      sop.documents.flatMap(({ numberedAt, officeSigner }) =>
        numberedAt === step.no && officeSigner !== undefined && officeSigner !== step.lane ? [officeSigner] : [],
      ),
    ),
  ];
  return lanes.map((lane) => ({
    lane,
    documents: sop.documents.filter((doc) => doc.numberedAt === step.no && doc.officeSigner === lane),
  }));
}
