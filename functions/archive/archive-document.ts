import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { listEvents, recordEvent, type CaseEvent } from '#records/case-records.ts';
import { archiveKeys } from './archive-layout.ts';
import { storeFile, type StoredFile } from './store-file.ts';

export interface ArchiveTargets {
  s3: S3Client;
  bucket: string;
  dynamo: DynamoDBDocumentClient;
  table: string;
}

/**
 * Stores one version of a document's copies (and its draft, when given) and records the step that
 * made it, with the SHA-256 of every file, in the case's audit trail. Safe to repeat.
 */
export async function archiveDocumentVersion(
  targets: ArchiveTargets,
  input: {
    caseId: string;
    kind: string;
    revision: number;
    copies: { copy: number; pdf: Uint8Array }[];
    draft?: Uint8Array;
    event: Omit<CaseEvent, 'documents'>;
  },
): Promise<{ copies: (StoredFile & { copy: number })[]; draft?: StoredFile }> {
  const { caseId, kind, revision } = input;
  const copies = await Promise.all(
    input.copies.map(async ({ copy, pdf }) => ({ copy, ...(await storeFile(targets.s3, targets.bucket, pdf, (sha) => archiveKeys.copy(caseId, kind, copy, revision, sha), 'application/pdf')) })),
  );
  const draft = input.draft
    ? await storeFile(targets.s3, targets.bucket, input.draft, (sha) => archiveKeys.draft(caseId, kind, revision, sha), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    : undefined;
  await recordEvent(targets.dynamo, targets.table, caseId, {
    ...input.event,
    documents: [
      ...copies.map((c) => ({ kind, copy: c.copy, key: c.key, sha256: c.sha256 })),
      ...(draft ? [{ kind, copy: 'draft' as const, key: draft.key, sha256: draft.sha256 }] : []),
    ],
  });
  return draft ? { copies, draft } : { copies };
}

/** Writes the map pengendali proses as JSON: every event of the case, in order, with its files' hashes. */
export async function writeAuditTrail(targets: ArchiveTargets, caseId: string): Promise<StoredFile> {
  const events = await listEvents(targets.dynamo, targets.table, caseId);
  const json = new TextEncoder().encode(`${JSON.stringify({ caseId, events }, null, 2)}\n`);
  return storeFile(targets.s3, targets.bucket, json, (sha) => archiveKeys.auditTrail(caseId, events.length, sha), 'application/json');
}
