import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PERMIT_INDEXES } from './table.ts';

export interface PermitRecord {
  documentId: string;
  caseId: string;
  sop: string;
  kind: string;
  title: string;
  registrationNumber: string;
  issuedAt: string;
  company: string;
  nib: string | null;
  npwp: string | null;
  status: 'aktif' | 'dicabut';
  revocation: { number: string; date: string; caseId: string } | null;
  copies: { copy: number; key: string; sha256: string }[];
  signers: { name: string; nip: string; position: string; reason: string; at: string }[];
}

/** Writes (or rewrites, on a retry) an issued document's record with its search keys. */
export async function putPermit(client: DynamoDBDocumentClient, table: string, permit: PermitRecord): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: `PERMIT#${permit.documentId}`,
        sk: 'META',
        ...permit,
        gsi2pk: `REGNO#${permit.registrationNumber}`,
        gsi2sk: permit.issuedAt,
        ...(permit.nib ? { gsi3pk: `NIB#${permit.nib}`, gsi3sk: permit.issuedAt } : {}),
        gsi4pk: `SOP#${permit.sop}`,
        gsi4sk: permit.issuedAt,
        ...(permit.npwp ? { gsi5pk: `NPWP#${digits(permit.npwp)}`, gsi5sk: permit.issuedAt } : {}),
      },
    }),
  );
}

export async function getPermit(client: DynamoDBDocumentClient, table: string, documentId: string): Promise<PermitRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: `PERMIT#${documentId}`, sk: 'META' }, ConsistentRead: true }));
  return Item ? strip(Item) : undefined;
}

/** A revocation decree closes the loop: the permit shows who revoked it, by which number, when. */
export async function markRevoked(client: DynamoDBDocumentClient, table: string, documentId: string, revocation: NonNullable<PermitRecord['revocation']>): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `PERMIT#${documentId}`, sk: 'META' },
      UpdateExpression: 'SET #status = :revoked, revocation = :revocation',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':revoked': 'dicabut', ':revocation': revocation },
    }),
  );
}

export interface PermitSearch {
  registrationNumber?: string;
  nib?: string;
  npwp?: string;
  sop?: string;
  /** Issue dates, inclusive, as YYYY-MM-DD. */
  from?: string;
  to?: string;
  status?: PermitRecord['status'];
}

/**
 * The archive search: by register number, NIB, NPWP or SOP (each an index), narrowed by issue date
 * and status. Newest first. At least one of the indexed keys is needed.
 */
export async function searchPermits(client: DynamoDBDocumentClient, table: string, search: PermitSearch): Promise<PermitRecord[]> {
  const [index, key] = search.registrationNumber
    ? [PERMIT_INDEXES.regNo, `REGNO#${search.registrationNumber.trim()}`]
    : search.nib
      ? [PERMIT_INDEXES.nib, `NIB#${search.nib.trim()}`]
      : search.npwp
        ? [PERMIT_INDEXES.npwp, `NPWP#${digits(search.npwp)}`]
        : search.sop
          ? [PERMIT_INDEXES.sop, `SOP#${search.sop}`]
          : [undefined, undefined];
  if (!index || !key) throw new Error('cari dengan nomor registrasi, NIB, NPWP atau SOP');
  const names: Record<string, string> = { '#pk': index.partition };
  const values: Record<string, unknown> = { ':key': key };
  let condition = '#pk = :key';
  if (search.from || search.to) {
    names['#sk'] = index.sort;
    values[':from'] = search.from ?? '0000';
    values[':to'] = `${search.to ?? '9999'}\uffff`;
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  const results: PermitRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: index.name,
        KeyConditionExpression: condition,
        ...(search.status ? { FilterExpression: '#status = :status' } : {}),
        ExpressionAttributeNames: search.status ? { ...names, '#status': 'status' } : names,
        ExpressionAttributeValues: search.status ? { ...values, ':status': search.status } : values,
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    results.push(...(page.Items ?? []).map(strip));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return results;
}

const digits = (value: string) => value.replace(/\D/g, '');

function strip(item: Record<string, unknown>): PermitRecord {
  const { pk: _pk, sk: _sk, gsi2pk: _a, gsi2sk: _b, gsi3pk: _c, gsi3sk: _d, gsi4pk: _e, gsi4sk: _f, gsi5pk: _g, gsi5sk: _h, ...permit } = item;
  return permit as unknown as PermitRecord;
}

/** A document id as archive-case makes it (`<case>.<kind>`): anything else is not looked up at all. */
export const isDocumentId = (id: string): boolean => /^[A-Za-z0-9_-]{8,64}\.[a-z-]{2,40}$/.test(id);
