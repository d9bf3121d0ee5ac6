import * as z from 'zod/mini';
import { ParafError } from '#errors/paraf-error.ts';
import { runtime } from '#runtime/runtime.ts';

/** Left to finish the document in hand and answer before Lambda's timeout. */
const RESERVE_MS = 120_000;

/**
 * The monthly schedule's EventBridge event (its fields are EventBridge's: passed over), or an
 * operator's run for a day of their choosing (`aws lambda invoke --payload '{"before":"2031-06-01"}'`,
 * as `paraf archive renew --before` locally), in which any other field is refused by name.
 */
const ScheduledEvent = z.looseObject({ source: z.literal('aws.events'), 'detail-type': z.literal('Scheduled Event') });
const OperatorEvent = z.strictObject({ before: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) });

/**
 * Renews every issued copy whose last timestamp's TSA certificate expires within the configured
 * margin (monthly: cases/renew-timestamps.ts renewDueTimestamps), or before the day an operator
 * names (renewTimestamps); a TSA whose certificate would not outlast that day fails the invocation,
 * nothing written, with what to do in its message (the operator gets a new certificate from the TSA's
 * provider). Stops short of the function's timeout; the documents left, the
 * latest-expiring, wait for the next run. The use case is imported on the first call: its PDF and
 * signature code stay out of init (BENCHMARKS.md, bundles).
 */
export async function handler(event?: unknown, context?: { getRemainingTimeInMillis(): number }) {
  const asked = ScheduledEvent.safeParse(event).success ? undefined : operatorDay(event);
  const now = new Date();
  const until = context ? new Date(now.getTime() + context.getRemainingTimeInMillis() - RESERVE_MS) : undefined;
  const { before, results } = await import('#cases/renew-timestamps.ts').then(
    async ({ renewDueTimestamps, renewTimestamps }) =>
      asked
        ? { before: asked, results: await renewTimestamps(runtime(), asked, until ? { until } : {}) }
        : renewDueTimestamps(runtime(), now, until),
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

/** The day an operator's event names; anything else in it is refused, named, before any work. */
function operatorDay(event: unknown): string {
  const parsed = OperatorEvent.safeParse(event);
  if (parsed.success) return parsed.data.before;
  const named = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || 'isi permintaan'],
  );
  throw new ParafError(
    'invalid-request',
    `Permintaan pembaruan stempel waktu tidak sah (${named.join(', ')}): kirim {"before":"TTTT-BB-HH"} saja.`,
  );
}
