import { ParafError } from '#errors/paraf-error.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { BsreError } from '#signing/bsre-client.ts';
import type { MachineDecision } from '#workflow/machine-input.ts';
import { signDocuments } from './sign-documents.ts';
import { personalSignatures } from './rules/signing-steps.ts';

/**
 * Makes the official's BSrE paraf and signatures of a step inside their decision request, before the
 * decision is committed, so that the passphrase goes from the request to BSrE and nowhere else (not
 * into the machine's input, its history, a record or the trail):
 *  1. the step's personal signatures (signing-steps.ts), in the machine's order;
 *  2. each through signDocuments, under the decision's id: when the machine's own paraf or signature
 *     state runs after the decision, it finds the action recorded and signs nothing more;
 *  3. a BSrE refusal (a wrong passphrase, a certificate not active, the service unreachable) signs
 *     nothing of that document and becomes a ParafError in Bahasa Indonesia; the decision is not
 *     committed and the step stays open. A document signed before the refusal stays signed under
 *     this decision's id, which a retry by the same official reuses, so nothing is signed twice.
 */
export async function signStepNow(
  rt: Runtime,
  link: ApprovalLink,
  decision: MachineDecision,
  passphrase: string,
): Promise<void> {
  const sop = rt.sopOf(link);
  const input = { caseId: link.caseId, sop: sop.id, revision: link.revision, step: link.step, lane: link.lane };
  try {
    for (const action of personalSignatures(sop, link))
      await signDocuments(
        rt,
        { ...input, mode: action.type === 'paraf' ? 'paraf' : 'signature', documents: action.documents, decision },
        { passphrase },
      );
  } catch (error) {
    if (!(error instanceof BsreError)) throw error;
    const code = error.problem === 'unavailable' || error.problem === 'refused' ? 'signing-service' : 'factor';
    throw new ParafError(code, error.message, { details: { bsre: error.problem } });
  }
}
