import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { CERTIFICATE_PARTITION, certificateKey } from './keys.ts';
import { queryAll } from './table-operations.ts';

/**
 * On AWS, the certificate chain issued for each signer's KMS key (an official's, or the office
 * seal's), stored by `npx paraf aws certify` and read by the functions at run time: a newly
 * certified official signs without a redeploy. Locally the data folder's PKI certifies, and
 * nothing is stored here.
 */
export interface StoredCertificate {
  /** An official's id, or `segel-kantor`. */
  signerId: string;
  /** The KMS key's ARN, as GetPublicKey named it. */
  keyId: string;
  algorithm: 'ECDSA_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_256';
  /** PEM: the signer's certificate first, then the CAs up to the root. */
  certificates: string[];
  /** Its certificate's subject and validity, shown by the CLI and the health page. */
  subject: string;
  notAfter: string;
  storedAt: string;
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const StoredCertificateSchema: z.ZodMiniType<StoredCertificate> = z.lazy(() =>
  z.object({
    signerId: text,
    keyId: text,
    algorithm: z.enum(['ECDSA_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256']),
    certificates: z.array(text.check(z.includes('BEGIN CERTIFICATE'))).check(z.minLength(1)),
    subject: text,
    notAfter: text,
    storedAt: text,
  } satisfies RecordShape<StoredCertificate>),
);

export async function putCertificate(
  client: DynamoDBDocumentClient,
  table: string,
  record: StoredCertificate,
): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { ...certificateKey(record.signerId), ...record } }));
  cached.delete(client);
}

/** Every stored certificate, by signer id; one query. */
export async function listCertificates(
  client: DynamoDBDocumentClient,
  table: string,
): Promise<Map<string, StoredCertificate>> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': CERTIFICATE_PARTITION },
  });
  const found = items.map((item) => readRecord(StoredCertificateSchema, 'sertifikat', item));
  return new Map(found.map((record) => [record.signerId, record]));
}

/**
 * How long a container trusts what it read: a minute, so that an official certified after the
 * deploy signs within a minute, while a busy function asks the table once a minute, not per signature.
 */
export const CERTIFICATE_CACHE_MS = 60_000;
const cached = new WeakMap<
  DynamoDBDocumentClient,
  { at: number; certificates: Promise<Map<string, StoredCertificate>> }
>();

/** The stored certificates as this container last read them, read again after CERTIFICATE_CACHE_MS. */
export function cachedCertificates(
  client: DynamoDBDocumentClient,
  table: string,
  now = Date.now(),
): Promise<Map<string, StoredCertificate>> {
  const known = cached.get(client);
  if (known && now - known.at < CERTIFICATE_CACHE_MS) return known.certificates;
  const certificates = listCertificates(client, table);
  cached.set(client, { at: now, certificates });
  // A failed read is not kept: the next signature asks again.
  certificates.catch(() => cached.delete(client));
  return certificates;
}
