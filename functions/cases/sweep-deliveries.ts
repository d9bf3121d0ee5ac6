import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { workflow } from '#runtime/workflow-client.ts';
import { deliverStrandedDecisions } from './deliver-stranded-decisions.ts';
import { digestServiceLedgers } from './digest-service-ledgers.ts';
import { retryQueuedMail } from './retry-queued-mail.ts';
import { decisionContext } from './settle-decision.ts';

/** Decisions begun this long ago are no longer in flight in some request. */
const SETTLED_AFTER_MS = 2 * 60_000;
/** The dashboard's digests are made until this long after the sweep began, well inside the sweep function's minute. */
const DIGEST_UNTIL_MS = 30_000;

/**
 * The scheduled sweep of what did not reach where it was going, and of the dashboard's digests (on
 * AWS every five minutes, handlers/deliver-decisions.ts; locally each minute, infra/local/start-local.ts):
 *  1. the decisions a web function that died left recorded but undelivered, begun over two minutes
 *     ago (none of them still in flight in some request), go to their workflows (deliver-stranded-decisions.ts);
 *  2. the e-mails the mail service did not take, due by now, are sent again (retry-queued-mail.ts);
 *  3. the dashboard's ledger parts written since their digest are digested again, until 30 s after
 *     the sweep began (digest-service-ledgers.ts).
 */
export async function sweepDeliveries(rt: Runtime, now: Date = new Date()) {
  const began = Date.now();
  const decisions = await deliverStrandedDecisions(
    decisionContext(rt, workflow(rt)),
    new Date(now.getTime() - SETTLED_AFTER_MS),
    now,
  );
  const records = { dynamo: rt.dynamo, table: rt.config.table };
  const mail = await retryQueuedMail(mailer(rt), records, now);
  const digests = await digestServiceLedgers(
    records,
    rt.catalog.map((sop) => sop.id),
    Math.max(0, began + DIGEST_UNTIL_MS - Date.now()),
  );
  return { ...decisions, mail, digests };
}
