import { failRunningCase, getCase, recordEvent } from '#records/case-records.ts';
import { retireCaseLinks } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';

/** What a machine's Catch keeps of the error that stopped a task (`$.error`). */
export interface MachineFailure {
  Error?: string;
  Cause?: string;
}

/**
 * Records the failure that stopped a case, so that staff see it (on its trail and the dashboard):
 *  1. a running case becomes `gagal`; a closed one keeps its outcome (a failure after it, the
 *     archive's last trail say, is recorded, not made its status);
 *  2. the links of a case now `gagal` that still wait are retired (no execution is left to take their
 *     decisions): they leave the task lists, their pages say the file failed, a decision is refused;
 *     a closed case keeps its links;
 *  3. the trail's failure event: for Paraf's own errors (`Paraf.*`) their message in Bahasa
 *     Indonesia says what stopped it (a lane with nobody to ask, say); any other is a system error.
 */
export async function recordFailure(
  rt: Runtime,
  input: { caseId: string; error: unknown },
): Promise<{ recorded: true }> {
  const error = (input.error ?? {}) as MachineFailure;
  const failed = await failRunningCase(rt.dynamo, rt.config.table, input.caseId);
  // A repeat finds the case gagal already: a first run stopped before retiring every link leaves them to this one.
  if (failed || (await getCase(rt.dynamo, rt.config.table, input.caseId))?.status === 'gagal')
    await retireCaseLinks(rt.dynamo, rt.config.table, input.caseId, { at: new Date().toISOString() });
  const explained = parafMessage(error);
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `failure-${error.Error ?? 'unknown'}`,
    at: new Date().toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: explained ? `Proses terhenti: ${explained}` : 'Proses terhenti karena kesalahan sistem',
    notes: `${error.Error ?? 'Error'}: ${String(error.Cause ?? '').slice(0, 500)}`,
    documents: [],
  });
  return { recorded: true };
}

/**
 * The Indonesian message of a ParafError as the machine caught it: the cause itself locally, the
 * `errorMessage` of the cause's JSON on AWS. Undefined for any other error.
 */
function parafMessage(error: MachineFailure): string | undefined {
  if (!error.Error?.startsWith('Paraf.') || !error.Cause) return undefined;
  try {
    const parsed = JSON.parse(error.Cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : error.Cause;
  } catch {
    return error.Cause;
  }
}
