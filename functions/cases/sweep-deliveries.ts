import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { workflow } from '#runtime/workflow-client.ts';
import { deliverStrandedDecisions } from './deliver-stranded-decisions.ts';
import { retryQueuedMail } from './retry-queued-mail.ts';
import { decisionContext } from './settle-decision.ts';

/** Decisions begun this long ago are no longer in flight in some request. */
const SETTLED_AFTER_MS = 2 * 60_000;

/**
 * The scheduled sweep of what did not reach where it was going (on AWS every five minutes,
 * handlers/deliver-decisions.ts; locally each minute, infra/local/start-local.ts):
 *  1. the decisions a web function that died left recorded but undelivered, begun over two minutes
 *     ago (none of them still in flight in some request), go to their workflows (deliver-stranded-decisions.ts);
 *  2. the e-mails the mail service did not take, due by now, are sent again (retry-queued-mail.ts).
 */
export async function sweepDeliveries(rt: Runtime, now: Date = new Date()) {
  const decisions = await deliverStrandedDecisions(
    decisionContext(rt, workflow(rt)),
    new Date(now.getTime() - SETTLED_AFTER_MS),
    now,
  );
  const mail = await retryQueuedMail(mailer(rt), { dynamo: rt.dynamo, table: rt.config.table }, now);
  return { ...decisions, mail };
}
