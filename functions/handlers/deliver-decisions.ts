import { deliverStrandedDecisions } from '#cases/deliver-stranded-decisions.ts';
import { retryQueuedMail } from '#cases/retry-queued-mail.ts';
import { mailer } from '#runtime/mailer.ts';
import { decisionContext } from '#cases/settle-decision.ts';
import { beginInvocation, flushMetrics, logger } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';
import { workflow } from '#runtime/workflow-client.ts';

/** Decisions begun this long ago are no longer in flight in some request. */
const SETTLED_AFTER_MS = 2 * 60_000;

/**
 * On a schedule: delivers the decisions a web function that died left recorded but undelivered, and
 * sends again the e-mails SES did not take (retry-queued-mail.ts).
 */
export async function handler() {
  beginInvocation({});
  try {
    const rt = runtime();
    const decisions = await deliverStrandedDecisions(
      decisionContext(rt, workflow(rt)),
      new Date(Date.now() - SETTLED_AFTER_MS),
    );
    const mail = await retryQueuedMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table });
    logger.info('sweep: done', { decisions, mail });
    return { ...decisions, mail };
  } catch (error) {
    logger.error('sweep: failed', error as Error);
    throw error;
  } finally {
    flushMetrics();
  }
}
