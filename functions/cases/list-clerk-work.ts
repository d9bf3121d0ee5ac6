import { getCase, type CaseRecord } from '#records/case-records.ts';
import { getDocumentStates, type DocumentState } from '#records/document-state.ts';
import { listTasks, type ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';

export interface ClerkTask {
  task: ApprovalLink;
  sop: Sop;
  record: CaseRecord | undefined;
  /** The case's documents as they stand, for download. */
  states: DocumentState[];
}

/**
 * Lists Tata Usaha's work:
 *  1. the officials of every lane that numbers or hands over documents, each once;
 *  2. their open tasks;
 *  3. split into documents waiting for their register number and permits ready for handover,
 *     each with its case and its documents' current state.
 */
export async function listClerkWork(rt: Runtime): Promise<{ waitingNumber: ClerkTask[]; handover: ClerkTask[] }> {
  const tasks = (await Promise.all(clerks(rt).map((o) => listTasks(rt.dynamo, rt.config.table, o.id)))).flat();
  const kindOf = (task: ApprovalLink) => rt.sopOf(task).steps.find((s) => s.no === task.step)?.kind;
  const rows = async (list: ApprovalLink[]) =>
    Promise.all(
      list.map(async (task) => {
        const sop = rt.sopOf(task);
        const record = await getCase(rt.dynamo, rt.config.table, task.caseId);
        const states = (
          await getDocumentStates(
            rt.dynamo,
            rt.config.table,
            task.caseId,
            sop.documents.map((doc) => doc.kind),
          )
        ).filter((s) => s !== undefined);
        return { task, sop, record, states };
      }),
    );
  return {
    waitingNumber: await rows(tasks.filter((t) => kindOf(t) === 'registration-number')),
    handover: await rows(tasks.filter((t) => kindOf(t) === 'handover')),
  };
}

/** The officials of the lanes that number and hand over documents, each once. */
const clerks = (rt: Runtime) => [
  ...new Map(
    rt.catalog
      .flatMap((sop) =>
        sop.steps
          .filter((s) => s.kind === 'registration-number' || s.kind === 'handover')
          .flatMap((s) => rt.staff.forLane(s.lane)),
      )
      .map((o) => [o.id, o]),
  ).values(),
];
