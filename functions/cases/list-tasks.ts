import { getCase, type CaseRecord } from '#records/case-records.ts';
import { listTasks as listOpenLinks, type ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';

export type { ApprovalLink };

export interface Task {
  task: ApprovalLink;
  record: CaseRecord | undefined;
  sop: Sop;
}

/**
 * Lists what waits for an official:
 *  1. the open links addressed to them, the oldest first;
 *  2. each with its case and SOP.
 */
export async function listTasks(rt: Runtime, officialId: string): Promise<Task[]> {
  const tasks = await listOpenLinks(rt.dynamo, rt.config.table, officialId);
  return Promise.all(
    tasks.map(async (task) => ({
      task,
      record: await getCase(rt.dynamo, rt.config.table, task.caseId),
      sop: rt.sopOf(task),
    })),
  );
}
