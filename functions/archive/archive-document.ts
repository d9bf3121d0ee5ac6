import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getCase, listEvents, recordEvent, type CaseEvent } from '#records/case-records.ts';
import { archiveKeys } from './archive-layout.ts';
import { storeFile, type StoredFile } from './store-file.ts';

export interface ArchiveTargets {
  s3: S3Client;
  bucket: string;
  dynamo: DynamoDBDocumentClient;
  table: string;
}

/**
 * Stores one version of a document's copies (and its draft, when given) and, when an event is
 * given, records the step that made it with the SHA-256 of every file. Safe to repeat. Handlers
 * that also keep a document state record the event after saving it (recordDocumentEvent), so a
 * crash between the two cannot leave the trail pointing at files the state does not hold.
 */
export async function archiveDocumentVersion(
  targets: ArchiveTargets,
  input: {
    caseId: string;
    kind: string;
    revision: number;
    copies: { copy: number; pdf: Uint8Array }[];
    draft?: Uint8Array;
    event?: Omit<CaseEvent, 'documents'>;
  },
): Promise<{ copies: (StoredFile & { copy: number })[]; draft?: StoredFile }> {
  const { caseId, kind, revision } = input;
  const copies = await Promise.all(
    input.copies.map(async ({ copy, pdf }) => ({
      copy,
      ...(await storeFile(
        targets.s3,
        targets.bucket,
        pdf,
        (sha) => archiveKeys.copy(caseId, kind, copy, revision, sha),
        'application/pdf',
      )),
    })),
  );
  const draft = input.draft
    ? await storeFile(
        targets.s3,
        targets.bucket,
        input.draft,
        (sha) => archiveKeys.draft(caseId, kind, revision, sha),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        { 'paraf-kind': 'draft' },
      )
    : undefined;
  if (input.event) await recordDocumentEvent(targets, caseId, kind, input.event, copies, draft);
  return draft ? { copies, draft } : { copies };
}

/** Records the step that produced these files, with their hashes; a repeat of the same action records nothing. */
export async function recordDocumentEvent(
  targets: ArchiveTargets,
  caseId: string,
  kind: string,
  event: Omit<CaseEvent, 'documents'>,
  copies: { copy: number; key: string; sha256: string }[],
  draft?: { key: string; sha256: string } | null,
): Promise<void> {
  await recordEvent(targets.dynamo, targets.table, caseId, {
    ...event,
    documents: [
      ...copies.map((c) => ({ kind, copy: c.copy, key: c.key, sha256: c.sha256 })),
      ...(draft ? [{ kind, copy: 'draft' as const, key: draft.key, sha256: draft.sha256 }] : []),
    ],
  });
}

/** Writes the map pengendali proses as JSON: every event of the case, in order, with its files' hashes, and the documents issued with their holders. */
export async function writeAuditTrail(targets: ArchiveTargets, caseId: string): Promise<StoredFile> {
  const events = await listEvents(targets.dynamo, targets.table, caseId);
  const issued = await issuedDocuments(targets, caseId);
  const json = new TextEncoder().encode(
    `${JSON.stringify({ caseId, ...(issued.length ? { issued } : {}), events }, null, 2)}\n`,
  );
  return storeFile(
    targets.s3,
    targets.bucket,
    json,
    (sha) => archiveKeys.auditTrail(caseId, events.length, sha),
    'application/json',
  );
}

/**
 * The case's issued documents with their numbers and holders as printed (permit-index.ts), so the
 * trail says whom each number was issued to, next to who typed what at the counter.
 */
async function issuedDocuments(targets: ArchiveTargets, caseId: string) {
  // Imported here: the permit index brings every document kind's zod schema (printedHolder), which the
  // functions that import this module for the application's files (requestAction's) never need at init.
  const { getPermit } = await import('#records/permit-index.ts');
  const record = await getCase(targets.dynamo, targets.table, caseId);
  const kinds = Object.keys(record?.form.documents ?? {});
  const permits = await Promise.all(kinds.map((kind) => getPermit(targets.dynamo, targets.table, `${caseId}.${kind}`)));
  return permits.flatMap((permit) =>
    permit
      ? [
          {
            documentId: permit.documentId,
            registrationNumber: permit.registrationNumber,
            holder: { name: permit.company, nib: permit.nib, npwp: permit.npwp },
          },
        ]
      : [],
  );
}

export interface ApplicationFile {
  caseId: string;
  sop: string;
  fileNumber: string;
  applicant: Record<string, unknown>;
  form: Record<string, unknown>;
  /** The checklist as the counter marked it: which requirement was handed in. */
  requirements: { id: string; label: string; handedIn: boolean }[];
  attachments: { name: string; contentType: string; bytes: Uint8Array }[];
}

/**
 * Stores what the applicant handed in: each attachment under its hash, and application.json with
 * the form, the checklist and the attachments' keys and hashes. Safe to repeat.
 */
export async function archiveApplication(
  targets: ArchiveTargets,
  application: ApplicationFile,
): Promise<{ application: StoredFile; attachments: StoredFile[] }> {
  const attachments = await Promise.all(
    application.attachments.map((file) =>
      storeFile(
        targets.s3,
        targets.bucket,
        file.bytes,
        (sha) => archiveKeys.attachment(application.caseId, sha, file.name),
        file.contentType,
      ),
    ),
  );
  const json = {
    caseId: application.caseId,
    sop: application.sop,
    fileNumber: application.fileNumber,
    applicant: application.applicant,
    form: application.form,
    requirements: application.requirements,
    attachments: application.attachments.map((file, i) => {
      // Stored in the order handed in: the i-th stored file is the i-th attachment.
      const kept = attachments[i];
      if (!kept) throw new Error(`attachment ${file.name} was not stored`);
      return { name: file.name, contentType: file.contentType, key: kept.key, sha256: kept.sha256, size: kept.size };
    }),
  };
  const stored = await storeFile(
    targets.s3,
    targets.bucket,
    new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`),
    () => archiveKeys.application(application.caseId),
    'application/json',
  );
  return { application: stored, attachments };
}
