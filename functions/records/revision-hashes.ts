import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord, type RecordShape } from './check-record.ts';
import { revisionHashKey, signatureHashKey } from './keys.ts';

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
}

const RevisionHashSchema: z.ZodType<RevisionHash> = z.object({
  sha256: z.string(),
  documentId: z.string(),
  copy: z.number(),
  revision: z.number(),
  revisions: z.number(),
} satisfies RecordShape<RevisionHash>);

/** An issued copy by one of its signatures, whatever else of the file was changed around it. */
export interface SignatureHash {
  sha256: string;
  documentId: string;
  copy: number;
}

const SignatureHashSchema: z.ZodType<SignatureHash> = z.object({
  sha256: z.string(),
  documentId: z.string(),
  copy: z.number(),
} satisfies RecordShape<SignatureHash>);

/** Writes (or rewrites, on a retry: the same bytes give the same items) the revisions of an issued copy. */
export async function putRevisionHashes(
  client: DynamoDBDocumentClient,
  table: string,
  revisions: RevisionHash[],
): Promise<void> {
  for (const revision of revisions)
    await client.send(new PutCommand({ TableName: table, Item: { ...revisionHashKey(revision.sha256), ...revision } }));
}

export async function findRevisionHash(
  client: DynamoDBDocumentClient,
  table: string,
  sha256: string,
): Promise<RevisionHash | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: revisionHashKey(sha256), ConsistentRead: true }),
  );
  return Item ? readRecord(RevisionHashSchema, 'revisi dokumen', Item) : undefined;
}

/** Writes (or rewrites, on a retry) the signatures of an issued copy. */
export async function putSignatureHashes(
  client: DynamoDBDocumentClient,
  table: string,
  signatures: SignatureHash[],
): Promise<void> {
  for (const signature of signatures)
    await client.send(
      new PutCommand({ TableName: table, Item: { ...signatureHashKey(signature.sha256), ...signature } }),
    );
}

export async function findSignatureHash(
  client: DynamoDBDocumentClient,
  table: string,
  sha256: string,
): Promise<SignatureHash | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: signatureHashKey(sha256), ConsistentRead: true }),
  );
  return Item ? readRecord(SignatureHashSchema, 'tanda tangan dokumen', Item) : undefined;
}
