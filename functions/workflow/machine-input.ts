/**
 * What the state machines hand the use cases behind their handlers (compile-to-asl.ts), once
 * handlers/events.ts has checked it.
 */

/** Every task of a step names its case, SOP, step and lane. */
export interface StepInput {
  caseId: string;
  sop: string;
  /** The SOP revision the case runs under (its machine's); absent from executions started before revisions were kept. */
  revision?: string | undefined;
  step: number;
  lane: string;
}

/** A person's decision as the machine carries it (the decision contract, ARCHITECTURE.md). */
export interface MachineDecision {
  id: string;
  route: string;
  note: string;
  by: string;
  at: string;
  documentData?: Record<string, unknown> | undefined;
  /** What authorised it (identity/signing-factor.ts): a signature needs the signer's authenticator code. */
  factor?: { kind: string; officialId?: string; checkedAt?: string } | undefined;
  /** A deputy's decision: in whose stead, and as what (Plh., Plt., a.n.), for the stamp and the signer's record. */
  standsInFor?: { officialId: string; as: 'an' | 'plh' | 'plt' } | undefined;
}

/** The due time of the step waiting (track-deadline's answer, kept in `$.due`). */
export interface Due {
  seconds: number;
  dueAt: string;
  round: number;
  /** When this asking of the step began; executions started before it existed lack it. */
  askedSince?: string | undefined;
}

export type AskPurpose = 'step' | 'applicant-correction';
