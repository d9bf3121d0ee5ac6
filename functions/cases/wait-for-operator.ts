import { isParafError } from '#errors/paraf-error.ts';
import { setWaitingForOperator } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';

/**
 * A machine task's work for a case that an operator may have to unblock (signing, sealing): a
 * signer's certificate missing (`certificate-missing`, retried by the machine for the execution's year)
 * pauses the case rather than failing it, and the dashboard must say so.
 *  1. the work runs;
 *  2. it fails for a missing certificate: the case is marked "menunggu operator" with the reason (the
 *     first failure's time kept across retries), and the error goes on to the machine, which retries;
 *  3. it succeeds: a mark an earlier try left is cleared (a conditional write: nothing where none).
 */
export async function markedWhileWaitingForOperator<T>(
  rt: Runtime,
  caseId: string,
  work: () => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (isParafError(error) && error.code === 'certificate-missing')
      await setWaitingForOperator(rt.dynamo, rt.config.table, caseId, {
        since: now().toISOString(),
        reason: error.message,
      });
    throw error;
  }
  await setWaitingForOperator(rt.dynamo, rt.config.table, caseId, undefined);
  return result;
}
