import { getDocumentState, saveDocumentState } from '#records/document-state.ts';
import { assignNumber } from '#registry/assign-number.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { officeRegisters } from '#sop/registers.ts';
import type { MachineDecision, StepInput } from '#workflow/machine-input.ts';

/**
 * Gives each numbered document of the step its register's next number, once per case and document:
 *  1. the document's register (the office's, config/registers.json);
 *  2. the number, gapless, the same on a retry (registry/assign-number.ts);
 *  3. the document's state records it, conditionally on the state read (a change meanwhile fails
 *     this attempt, and the machine retries).
 */
export async function numberDocuments(
  rt: Runtime,
  input: StepInput & { documents: string[]; decision: MachineDecision | null },
): Promise<{ numbers: Record<string, string> }> {
  const sop = rt.sopOf(input);
  const numbers: Record<string, string> = {};
  for (const kind of input.documents) {
    const spec = sop.documents.find((doc) => doc.kind === kind);
    const register = officeRegisters().find((r) => r.id === spec?.register);
    if (!spec || !register) throw new Error(`assign-number: ${sop.id} has no register for ${kind}`);
    const assigned = await assignNumber(rt.dynamo, rt.config.table, {
      register,
      caseId: input.caseId,
      documentKind: kind,
      at: input.decision ? new Date(input.decision.at) : new Date(),
    });
    numbers[kind] = assigned.number;
    const state = await getDocumentState(rt.dynamo, rt.config.table, input.caseId, kind);
    if (state && state.number?.number !== assigned.number) {
      const saved = await saveDocumentState(
        rt.dynamo,
        rt.config.table,
        { ...state, number: assigned },
        { revision: state.revision, actions: state.actions.length },
      );
      if (!saved) throw new Error(`assign-number: ${kind} of case ${input.caseId} changed meanwhile; retry`);
    }
  }
  return { numbers };
}
