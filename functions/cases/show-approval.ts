import { getCase, listEvents, type CaseEvent, type CaseRecord } from '#records/case-records.ts';
import { getDocumentStates, type DocumentState } from '#records/document-state.ts';
import { failedBy, movedBy, type ApprovalLink } from '#records/links.ts';
import { caseFailure, failedLinkMessage, movedLinkMessage } from './rules/retired-link.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import type { Acting } from '#staff/acting-official.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import { actingFor } from './acting-for.ts';
import { listAttachments, type ArchivedAttachment } from './list-attachments.ts';
import { findSendBack, returnHolders, type SendBack } from './find-send-back.ts';
import { findLink } from './find-link.ts';

export type { ApprovalLink };

/** What an open approval link's page shows. */
export interface ApprovalView {
  link: ApprovalLink;
  sop: Sop;
  record: CaseRecord | undefined;
  events: CaseEvent[];
  /** The case's documents as they stand, the receipt last: the official is asked about the draft, not the receipt. */
  states: DocumentState[];
  official: Official | undefined;
  /** Another official the step now waits on, where the link's own left the staff directory (its id gone from it). */
  heldNowBy?: string | undefined;
  /** Who acts on it now: the official, or their deputy during a recorded absence. */
  acting: Acting | undefined;
  /** The files the applicant handed in, as they stand after any correction. */
  attachments: ArchivedAttachment[];
  /** The send-back that brought the file to this step, shown at the top of its page. */
  sendBack?: SendBack | undefined;
  /** Whom each send-back offered reaches (route to name). */
  returnHolders?: Record<string, string>;
}

export type ShownApproval =
  | { state: 'unknown' }
  | { state: 'decided'; link: ApprovalLink }
  /** Retired by a revision move that renumbered its step: where the file went, in the page's words. */
  | { state: 'moved'; link: ApprovalLink; message: string }
  /** Retired when its case failed (record-failure.ts): the file is `gagal`, nothing decides here. */
  | { state: 'failed'; link: ApprovalLink; message: string }
  | { state: 'expired'; link: ApprovalLink }
  | { state: 'open'; view: ApprovalView };

/**
 * Shows an approval link, changing nothing (mail scanners open links):
 *  1. the link (none: `unknown`);
 *  2. retired by a revision move or by its case's failure, decided, or past its expiry: said so, with the link;
 *  3. otherwise what the page shows: the case, its trail, its documents, its attachments and the official
 *     asked, the send-back that brought the file here and whom each send-back offered would reach.
 */
export async function showApproval(rt: Runtime, linkId: string, now: Date = new Date()): Promise<ShownApproval> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (!link) return { state: 'unknown' };
  const moved = movedBy(link);
  if (moved) return { state: 'moved', link, message: movedLinkMessage(link, moved) };
  const failed = failedBy(link);
  if (failed) return { state: 'failed', link, message: failedLinkMessage(failed) };
  if (link.status === 'decided') return { state: 'decided', link };
  if (new Date(link.expiresAt) < now) return { state: 'expired', link };
  const sop = rt.sopOf(link);
  const [record, events] = await Promise.all([
    getCase(rt.dynamo, rt.config.table, link.caseId),
    listEvents(rt.dynamo, rt.config.table, link.caseId),
  ]);
  const failure = caseFailure(link, record);
  if (failure) return { state: 'failed', link, message: failure };
  const kinds = [...sop.documents].sort(
    (a, b) => Number(a.kind === 'tanda-terima') - Number(b.kind === 'tanda-terima'),
  );
  const states = (
    await getDocumentStates(
      rt.dynamo,
      rt.config.table,
      link.caseId,
      kinds.map((doc) => doc.kind),
    )
  ).filter((state) => state !== undefined);
  const [acting, attachments, sendBack] = await Promise.all([
    actingFor(rt, link.officialId, now),
    listAttachments(rt, link.caseId),
    findSendBack(rt, link),
  ]);
  return {
    state: 'open',
    view: {
      link,
      sop,
      record,
      events,
      states,
      official: rt.staff.byId(link.officialId),
      heldNowBy: heldNowBy(rt, link, record),
      acting,
      attachments,
      sendBack,
      returnHolders: returnHolders(rt, sop, link),
    },
  };
}

/** Who holds the step now when the link's official is gone from the directory and the step went to another. */
function heldNowBy(rt: Runtime, link: ApprovalLink, record: CaseRecord | undefined): string | undefined {
  if (rt.staff.byId(link.officialId)) return undefined;
  const current = record?.current;
  if (current?.step !== link.step || current.officialId === link.officialId) return undefined;
  return rt.staff.byId(current.officialId)?.name;
}
