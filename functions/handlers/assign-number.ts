import { getDocumentState, saveDocumentState } from '#records/document-state.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { officeRegisters } from '#sop/registers.ts';
import { AssignNumberEvent, parseEvent } from './events.ts';
import { runtime } from '#runtime/runtime.ts';

/** Gives each numbered document of the step its register's next number, once per case and document. */
export async function handler(event: unknown) {
  const input = parseEvent(AssignNumberEvent, event, 'assign-number');
  const rt = runtime();
  const sop = rt.sop(input.sop);
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
