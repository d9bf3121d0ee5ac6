import { deleteDecisionMarker, listDecisionMarkers } from '#records/decision-markers.ts';
import { getLink } from '#records/links.ts';
import { redeliverDecision, takenDecision, type DecisionContext } from './settle-decision.ts';

/** How long a stranded decision is tried before its marker is dropped: by then its step's reminder round has asked again. */
const GIVE_UP_MS = 2 * 86_400_000;

/**
 * Delivers the decisions a dying process left recorded on their links but not delivered:
 *  1. the decision markers begun before `before`;
 *  2. a marker whose link never recorded its decision, or whose decision has been delivered since,
 *     is removed;
 *  3. otherwise the decision goes to its workflow if it still waits on the link's token (redeliverDecision);
 *  4. one not delivered stays for the next run, and is dropped after two days (its step's reminder
 *     round has asked again by then).
 * The sweep runs it (sweep-deliveries.ts: on AWS every five minutes, locally each minute); the local
 * runtime also runs it as it starts, on every marker from before the start.
 */
export async function deliverStrandedDecisions(
  ctx: DecisionContext,
  before: Date,
  now: Date = new Date(),
): Promise<{ delivered: number; cleared: number; waiting: number }> {
  const result = { delivered: 0, cleared: 0, waiting: 0 };
  for (const marker of await listDecisionMarkers(ctx.dynamo, ctx.table, before)) {
    const link = await getLink(ctx.dynamo, ctx.table, marker.linkId);
    const decision = link?.status === 'decided' && !link.deliveredAt ? takenDecision(link) : undefined;
    if (!link || decision?.at !== marker.at) {
      await deleteDecisionMarker(ctx.dynamo, ctx.table, marker);
      result.cleared += 1;
    } else if (await redeliverDecision(ctx, link, decision)) {
      result.delivered += 1;
    } else if (now.getTime() - new Date(marker.at).getTime() > GIVE_UP_MS) {
      await deleteDecisionMarker(ctx.dynamo, ctx.table, marker);
      result.cleared += 1;
    } else result.waiting += 1;
  }
  return result;
}
