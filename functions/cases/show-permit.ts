import { listEvents, type CaseEvent } from '#records/case-records.ts';
import { getPermit, isDocumentId, type PermitRecord } from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';

export type { PermitRecord };

/**
 * Shows an issued document's archive record:
 *  1. only for a well-formed document id (`<case>.<kind>`);
 *  2. the permit record (none: undefined);
 *  3. with `trail`, its case's trail too, for the archivists' record page.
 */
export async function showPermit(
  rt: Runtime,
  documentId: string,
  options: { trail?: boolean } = {},
): Promise<{ permit: PermitRecord; trail: CaseEvent[] } | undefined> {
  const permit = isDocumentId(documentId) ? await getPermit(rt.dynamo, rt.config.table, documentId) : undefined;
  if (!permit) return undefined;
  return { permit, trail: options.trail ? await listEvents(rt.dynamo, rt.config.table, permit.caseId) : [] };
}
