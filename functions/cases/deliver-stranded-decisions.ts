import { deleteDecisionMarker, listDecisionMarkers } from '#records/decision-markers.ts';
import { dropUndeliveredLink, getLink, listUndeliveredLinks } from '#records/links.ts';
import { redeliverDecision, takenDecision, type DecisionContext } from './settle-decision.ts';

/** How long a stranded decision is tried before it is dropped: by then its step's reminder round has asked again. */
const GIVE_UP_MS = 2 * 86_400_000;

type Outcome = 'delivered' | 'cleared' | 'waiting';

/**
 * Delivers the decisions a dying process left recorded on their links but not delivered:
 *  1. the decided links still on the sweep's list (decideLink), decided before `before`, and the
 *     decision markers Paraf wrote before 2026-12-06 for the same purpose;
 *  2. each link read again: one whose decision has been delivered since, or a marker whose link never
 *     recorded its decision, is taken off the list;
 *  3. otherwise the decision goes to its workflow if it still waits on the link's token (redeliverDecision);
 *  4. one not delivered stays for the next run, and is dropped after two days (its step's reminder
 *     round has asked again by then).
 * The sweep runs it (sweep-deliveries.ts: on AWS every five minutes, locally each minute); the local
 * runtime also runs it as it starts, on every decision from before the start.
 */
export async function deliverStrandedDecisions(
  ctx: DecisionContext,
  before: Date,
  now: Date = new Date(),
): Promise<Record<Outcome, number>> {
  const result = { delivered: 0, cleared: 0, waiting: 0 };
  const drop = (linkId: string) => dropUndeliveredLink(ctx.dynamo, ctx.table, linkId);
  for (const listed of await listUndeliveredLinks(ctx.dynamo, ctx.table, before)) {
    const at = takenDecision(listed)?.at;
    if (at) result[await deliverStranded(ctx, listed.linkId, at, now, () => drop(listed.linkId))] += 1;
    else {
      await drop(listed.linkId);
      result.cleared += 1;
    }
  }
  for (const marker of await listDecisionMarkers(ctx.dynamo, ctx.table, before)) {
    const forget = () => deleteDecisionMarker(ctx.dynamo, ctx.table, marker);
    result[await deliverStranded(ctx, marker.linkId, marker.at, now, forget)] += 1;
  }
  return result;
}

/** One stranded decision, taken at `at` on the link: delivered, cleared (`forget` run) or left waiting. */
async function deliverStranded(
  ctx: DecisionContext,
  linkId: string,
  at: string,
  now: Date,
  forget: () => Promise<void>,
): Promise<Outcome> {
  const link = await getLink(ctx.dynamo, ctx.table, linkId);
  const decision = link?.status === 'decided' && !link.deliveredAt ? takenDecision(link) : undefined;
  if (!link || decision?.at !== at) {
    await forget();
    return 'cleared';
  }
  if (await redeliverDecision(ctx, link, decision)) return 'delivered';
  if (now.getTime() - new Date(at).getTime() > GIVE_UP_MS) {
    await forget();
    return 'cleared';
  }
  return 'waiting';
}
