import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordEvent } from '#records/case-records.ts';

/**
 * The trail's line that the applicant was told of one moment of their file (notify-applicant.ts): the
 * marker a retried moment reads, so that it is told once. Written where the e-mail went out: at once,
 * or by the queue's sweep (retry-queued-mail.ts) when the mail service took it only later.
 */
export const applicantToldId = (moment: string) => `pemohon-${moment}`;

/** The key an applicant's e-mail of `moment` is sent (and queued) under. */
export const applicantMailKey = (caseId: string, moment: string) => `${caseId}-${applicantToldId(moment)}`;

/** The trail line a queued e-mail's key names, where it is an applicant's moment (applicantMailKey). */
export function toldIdOfMailKey(caseId: string, key: string | undefined): string | undefined {
  const prefix = `${caseId}-${applicantToldId('')}`;
  return key?.startsWith(prefix) ? key.slice(caseId.length + 1) : undefined;
}

export function recordApplicantTold(
  store: { dynamo: DynamoDBDocumentClient; table: string },
  caseId: string,
  toldId: string,
  subject: string,
  at: Date,
) {
  return recordEvent(store.dynamo, store.table, caseId, {
    actionId: toldId,
    at: at.toISOString(),
    step: null,
    lane: null,
    actor: null,
    action: `E-mail kepada pemohon: "${subject}"`,
    notes: '',
    documents: [],
  });
}
