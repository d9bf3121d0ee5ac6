import { sweepDeliveries } from '#cases/sweep-deliveries.ts';
import { beginInvocation, flushMetrics, logger } from '#runtime/observability.ts';
import { runtime } from '#runtime/runtime.ts';

/**
 * On a schedule: delivers the decisions a web function that died left recorded but undelivered,
 * sends again the e-mails SES did not take, and digests the dashboard's ledger (cases/sweep-deliveries.ts).
 */
export async function handler() {
  beginInvocation({});
  try {
    const swept = await sweepDeliveries(runtime());
    const { mail, digests, ...decisions } = swept;
    logger.info('sweep: done', { decisions, mail, digests });
    return swept;
  } catch (error) {
    logger.error('sweep: failed', error as Error);
    throw error;
  } finally {
    await flushMetrics();
  }
}
