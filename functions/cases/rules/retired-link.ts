import { witaMoment } from '#clock/wita.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getCase, type CaseRecord } from '#records/case-records.ts';
import { failedBy, movedBy, type ApprovalLink, type LinkFailure, type LinkMove } from '#records/links.ts';

/** What a link a revision move retired says, on its page and to a decision sent to it. */
export function movedLinkMessage(link: Pick<ApprovalLink, 'step'>, moved: LinkMove): string {
  return `Berkas ini telah dipindahkan ke ${moved.toRevisionLabel} pada ${witaMoment(new Date(moved.at))}. Langkah ${link.step} kini menjadi langkah ${moved.toStep}, dan tautan baru untuk langkah itu telah dikirim kepada pejabat yang menanganinya. Tautan ini tidak berlaku lagi; tidak ada yang diubah.`;
}

/**
 * What a link of a case that failed says, on its page and to a decision sent to it; without the
 * retirement's time for a link the failure has not retired (yet, or ever: a case failed before
 * failures retired links), whose case is `gagal` all the same.
 */
export function failedLinkMessage(failed?: LinkFailure): string {
  const stopped = failed ? `: prosesnya terhenti pada ${witaMoment(new Date(failed.at))}` : '';
  return `Berkas ini gagal diproses${stopped}. Tautan ini tidak berlaku lagi; tidak ada keputusan yang dapat diambil dan tidak ada yang diubah.`;
}

/**
 * Throws the refusal for a link that decides nothing any more, whoever asks and whatever they send:
 * one a revision move retired (`decided`: its step is now another, under a new link) or one its
 * case's failure retired (`case-failed`: no execution is left to take it). A link neither retired
 * passes. Every decision on a link (decide.ts, the page's drafting buttons) and a correction's
 * upload (add-correction-files.ts) ask this first, so each refuses it in the same words and code.
 */
export function refuseRetiredLink(link: ApprovalLink): void {
  const moved = movedBy(link);
  if (moved) throw new ParafError('decided', movedLinkMessage(link, moved));
  const failed = failedBy(link);
  if (failed) throw new ParafError('case-failed', failedLinkMessage(failed));
}

/**
 * What a link of a failed case says, whether the failure retired it or not yet (record-failure.ts
 * marks the case before it retires the links; a case failed before failures retired links never
 * had them retired): undefined while the case may still go on.
 */
export function caseFailure(link: ApprovalLink, record: Pick<CaseRecord, 'status'> | undefined): string | undefined {
  const failed = failedBy(link);
  if (failed) return failedLinkMessage(failed);
  return record?.status === 'gagal' ? failedLinkMessage() : undefined;
}

/**
 * `refuseRetiredLink`, and the same refusal for a link still waiting on a case that is `gagal`: no
 * execution is left to take anything done on it. Every decision, a correction's upload and a
 * handover ask this before they check what was sent.
 */
export async function refuseDeadLink(
  store: { dynamo: DynamoDBDocumentClient; table: string },
  link: ApprovalLink,
  /** The link's case as this request already read it, so that it is not read again. */
  read?: { record: Pick<CaseRecord, 'status'> | undefined },
): Promise<void> {
  refuseRetiredLink(link);
  const record = read ? read.record : await getCase(store.dynamo, store.table, link.caseId);
  if (record?.status === 'gagal') throw new ParafError('case-failed', failedLinkMessage());
}
