import { getCase } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { recordFailure } from './record-failure.ts';

/** The error a timed-out execution is recorded under: a Paraf error, so the trail says its message. */
export const EXECUTION_TIMED_OUT = 'Paraf.ExecutionTimedOut';
const REASON =
  'Batas waktu satu tahun sejak proses berkas dimulai telah terlampaui; berkas tidak dapat dilanjutkan dan perlu diajukan kembali.';

/**
 * Records an execution that Step Functions ended at its one-year limit (a Standard execution's
 * longest run; nothing inside the machine can catch it), so that its case does not stay `berjalan`
 * for ever:
 *  1. the case is the one the execution was started for (its input, `{ caseId }`);
 *  2. an execution of no known case (another deploy's, a hand-started one) records nothing;
 *  3. otherwise the failure is recorded as any other (record-failure.ts): a running case becomes
 *     `gagal` and its waiting links are retired, a closed one keeps its outcome and its links, and
 *     the trail says why in Bahasa Indonesia.
 */
export async function recordTimedOutExecution(
  rt: Runtime,
  input: { executionArn: string; input: string | null },
): Promise<{ recorded: boolean; caseId?: string }> {
  const caseId = caseIdOf(input.input);
  if (!caseId || !(await getCase(rt.dynamo, rt.config.table, caseId))) return { recorded: false };
  await recordFailure(rt, {
    caseId,
    error: { Error: EXECUTION_TIMED_OUT, Cause: REASON },
  });
  return { recorded: true, caseId };
}

/** The case id of an execution's input, if it is the JSON Paraf starts executions with. */
function caseIdOf(input: string | null): string | undefined {
  try {
    const parsed = JSON.parse(input ?? 'null') as { caseId?: unknown } | null;
    return typeof parsed?.caseId === 'string' && parsed.caseId ? parsed.caseId : undefined;
  } catch {
    return undefined;
  }
}
