import type { Runtime } from '#runtime/runtime.ts';
import { actingFor } from './acting-for.ts';
import { getDocumentFile } from './get-document-file.ts';
import { isPublicStep } from './rules/signing-steps.ts';
import { findLink } from './find-link.ts';

/**
 * Gets a draft an approval link asks about, for its page (reading it changes nothing):
 *  1. the link, known, unexpired, still waiting (a decided link serves no document), and opened by
 *     the official it is for (their deputy while they are away), or at the applicant's own step (otherwise: `no-link`);
 *  2. copy 1 of the document, the one the reviewers initial (not drafted yet: `no-draft`).
 */
export async function getLinkDraft(
  rt: Runtime,
  linkId: string,
  kind: string,
  viewer: string | undefined,
  now: Date = new Date(),
): Promise<{ kind: string; bytes: Uint8Array<ArrayBuffer> } | 'no-link' | 'no-draft'> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (!link || link.status === 'decided' || new Date(link.expiresAt) < now) return 'no-link';
  if (!isPublicStep(rt.sopOf(link), link) && viewer !== (await actingFor(rt, link.officialId, now))?.official.id)
    return 'no-link';
  return (await getDocumentFile(rt, link.caseId, kind, { copy: 1 })) ?? 'no-draft';
}
