import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { readObservability } from '#config/read-config.ts';

/**
 * Logs and metrics, set up once per process. On Lambda: JSON lines (Powertools Logger) that carry the
 * case's keys on every line of an invocation, and EMF metrics in the namespace `Paraf`, flushed at
 * the end of each invocation. Locally (npm start, the tests) the runtime keeps its own console
 * output: this logger writes errors only, and metrics are not kept at all.
 *
 * What goes into a line is chosen here and in the handlers: ids, never an event as a whole (task
 * tokens, decision notes, document data, passphrases, codes and files stay out).
 */

const settings = readObservability();

export const logger = new Logger({ serviceName: 'paraf', logLevel: settings.logLevel });

/**
 * Powertools' metrics are loaded and made when an invocation that counted something ends, not at a
 * function's init: most invocations count nothing (issue 21, Lambda init). Until then the counts wait here.
 */
let metrics: Metrics | undefined;
const counted: { metric: ParafMetric; value: number }[] = [];

/** What Paraf counts; the monitoring stack's alarms name some of these. */
export type ParafMetric =
  | 'CasesOpened'
  | 'CasesClosed'
  | 'CasesLate'
  | 'CasesStalled'
  | 'Signatures'
  | 'NumbersIssued'
  | 'MailFailures';

/** The keys that tie a case's lines together across its functions, its execution and the web. */
export interface CorrelationKeys {
  caseId?: string;
  sop?: string;
  step?: number;
  decisionId?: string;
  executionArn?: string;
  requestId?: string;
}

/** A step counts as stalled this many working days past its due time (PARAF_STALL_MARGIN_DAYS). */
export const stallMarginDays = settings.stallMarginDays;

/** The keys that have a value, as a log line's attributes. */
export const given = (keys: CorrelationKeys) =>
  Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== undefined && value !== null));

/**
 * Starts an invocation's lines: the previous invocation's keys dropped (a warm container), these
 * added. On Lambda only, which runs one invocation at a time: locally one logger on a thread serves
 * tasks in parallel, and keys set on it would go on the lines of another case's task; there a line
 * carries the ids it names itself (machine-handler.ts names them on its own lines).
 */
export function beginInvocation(keys: CorrelationKeys): void {
  if (!settings.onLambda) return;
  logger.resetKeys();
  logger.appendKeys(given(keys));
}

/**
 * Adds the keys of the case a request turned out to be about (an approval link's) to the rest of its
 * lines. On Lambda only, which runs one request at a time: locally one logger serves requests in
 * parallel, whose keys would mix.
 */
export function correlate(keys: CorrelationKeys): void {
  if (settings.onLambda) logger.appendKeys(given(keys));
}

export function count(metric: ParafMetric, value = 1): void {
  if (settings.onLambda && value > 0) counted.push({ metric, value });
}

/** The invocation's metrics as one EMF line; nothing when it counted nothing. */
export async function flushMetrics(): Promise<void> {
  if (!settings.onLambda || counted.length === 0) return;
  const { Metrics, MetricUnit } = await import('./metrics-client.ts');
  metrics ??= new Metrics({ namespace: 'Paraf', serviceName: 'paraf' });
  for (const { metric, value } of counted.splice(0)) metrics.addMetric(metric, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}
