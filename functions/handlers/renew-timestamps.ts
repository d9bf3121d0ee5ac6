import { runtime } from '#runtime/runtime.ts';

/** Left to finish the document in hand and answer before Lambda's timeout. */
const RESERVE_MS = 120_000;

/**
 * Monthly (EventBridge): renews every issued copy whose last timestamp's TSA certificate expires
 * within the configured margin (cases/renew-timestamps.ts renewDueTimestamps). Stops short of the
 * function's timeout; the documents left, the latest-expiring, wait for the next run. The use case
 * is imported on the first call: its PDF and signature code stay out of init (BENCHMARKS.md, bundles).
 */
export async function handler(_event?: unknown, context?: { getRemainingTimeInMillis(): number }) {
  const now = new Date();
  const until = context ? new Date(now.getTime() + context.getRemainingTimeInMillis() - RESERVE_MS) : undefined;
  const { before, results } = await import('#cases/renew-timestamps.ts').then(({ renewDueTimestamps }) =>
    renewDueTimestamps(runtime(), now, until),
  );
  const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
  const summary = { before, renewed: count('renewed'), already: count('already'), failed: count('failed') };
  // Failures and TSA certificates that must be replaced are what an operator acts on. One JSON line
  // each, written directly: the Powertools logger would add about 60 KB to this bundle for two lines.
  for (const result of results)
    if (result.outcome === 'failed' || result.stillBefore) console.warn(JSON.stringify({ renewal: result }));
  console.log(JSON.stringify({ renewal: summary }));
  return summary;
}
