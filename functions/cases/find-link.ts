import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ApprovalLink, getLink } from '#records/links.ts';
import { correlate } from '#runtime/observability.ts';

/** The approval link a request names; once found, the request's log lines carry its case, SOP and step. */
export async function findLink(
  dynamo: DynamoDBDocumentClient,
  table: string,
  linkId: string,
): Promise<ApprovalLink | undefined> {
  const link = await getLink(dynamo, table, linkId);
  if (link) correlate({ caseId: link.caseId, sop: link.sop, step: link.step });
  return link;
}
