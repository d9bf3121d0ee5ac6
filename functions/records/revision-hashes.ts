import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { type ItemKey, revisionHashKey, signatureHashKey } from './keys.ts';
import { getRecord, putRecords } from './table-operations.ts';

/**
 * One revision of an issued copy, found by the SHA-256 of its bytes: every incremental update (a
 * paraf, a signature, the validation data, a document timestamp) ends a revision, and each is a
 * byte prefix of the issued copy, so a file cut back to one of them is named by its hash alone.
 */
export interface RevisionHash {
  sha256: string;
  documentId: string;
  copy: number;
  /** 1 for the rendered file, up to `revisions` for the issued copy itself. */
  revision: number;
  revisions: number;
  /**
   * A revision a holder was given: the issued copy, or the copy as it stood before a renewal of its
   * timestamps added to it (each ends with a document timestamp). Absent in records indexed before it.
   */
  issued?: boolean;
}

/** An issued copy by one of its signatures, whatever else of the file was changed around it. */
export interface SignatureHash {
  sha256: string;
  documentId: string;
  copy: number;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const SignatureHashSchema: z.ZodMiniType<SignatureHash> = z.lazy(() =>
  z.object({
    sha256: z.string(),
    documentId: z.string(),
    copy: z.number(),
  } satisfies RecordShape<SignatureHash>),
);
const RevisionHashSchema: z.ZodMiniType<RevisionHash> = z.lazy(() =>
  z.object({
    sha256: z.string(),
    documentId: z.string(),
    copy: z.number(),
    revision: z.number(),
    revisions: z.number(),
    issued: z.optional(z.boolean()),
  } satisfies RecordShape<RevisionHash>),
);

/** Both kinds of item, each under its own key: the hash alone finds it. */
const KINDS = {
  revision: { key: revisionHashKey, schema: RevisionHashSchema, name: 'revisi dokumen' },
  signature: { key: signatureHashKey, schema: SignatureHashSchema, name: 'tanda tangan dokumen' },
} as const;
type Kind = keyof typeof KINDS;
type RecordOf<K extends Kind> = K extends 'revision' ? RevisionHash : SignatureHash;

/**
 * Writes (or rewrites, on a retry: the same bytes give the same items) the revisions or signatures
 * of issued copies, 25 to a request.
 */
export async function putHashes<K extends Kind>(
  client: DynamoDBDocumentClient,
  table: string,
  kind: K,
  records: RecordOf<K>[],
): Promise<void> {
  const key: (sha256: string) => ItemKey = KINDS[kind].key;
  await putRecords(
    client,
    table,
    records.map((record) => ({ ...key(record.sha256), ...record })),
  );
}

export async function findHash<K extends Kind>(
  client: DynamoDBDocumentClient,
  table: string,
  kind: K,
  sha256: string,
): Promise<RecordOf<K> | undefined> {
  const { key, schema, name } = KINDS[kind];
  return getRecord(client, table, key(sha256), (item) => readRecord(schema as z.ZodMiniType<RecordOf<K>>, name, item));
}
