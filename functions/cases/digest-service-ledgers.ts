import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { markPartDigested, putLedgerDigest, readLedgerVersions, tallyEntries } from '#records/ledger-digests.ts';
import { readLedgerPart } from '#records/service-ledger.ts';
import { logger } from '#runtime/observability.ts';

/**
 * Makes again the digest of every ledger part written since its digest was made (records/ledger-digests.ts),
 * for each SOP of `sopIds`, until `budgetMs` has passed (the rest waits for the next sweep; the
 * dashboard reads those parts from their entries meanwhile):
 *  1. the SOP's versions: the parts whose version is not the one their digest was made from;
 *  2. each such part's entries, read after its version, tallied whole;
 *  3. the digest written with the version it was made from, then the part noted as digested.
 * Safe to run twice at once or to cut off: a digest is used only while its version is the part's. A
 * part that fails is logged and left for the next sweep.
 * On AWS the five-minute sweep runs it (sweep-deliveries.ts); locally, the runtime's minute timer.
 */
export async function digestServiceLedgers(
  deps: { dynamo: DynamoDBDocumentClient; table: string },
  sopIds: readonly string[],
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<{ digested: number; left: number; failed: number }> {
  const until = Date.now() + budgetMs;
  const result = { digested: 0, left: 0, failed: 0 };
  for (const sop of sopIds) {
    const { versions, digested } = await readLedgerVersions(deps.dynamo, deps.table, sop);
    for (const [part, version] of Object.entries(versions)) {
      if (digested[part] === version) continue;
      if (Date.now() >= until) {
        result.left += 1;
        continue;
      }
      try {
        const entries = await readLedgerPart(deps.dynamo, deps.table, sop, part);
        if (entries)
          await putLedgerDigest(deps.dynamo, deps.table, sop, {
            part,
            digestOf: version,
            tally: tallyEntries(entries),
          });
        await markPartDigested(deps.dynamo, deps.table, sop, part, version);
        result.digested += 1;
      } catch (error) {
        // One part that cannot be digested (an entry malformed by hand, say) is read from its entries
        // meanwhile; the other parts and SOPs still get theirs.
        logger.error('service ledger: a part could not be digested; tried again at the next sweep', {
          sop,
          part,
          error: error as Error,
        });
        result.failed += 1;
      }
    }
  }
  return result;
}
