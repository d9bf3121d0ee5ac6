import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * One table holds Paraf's records, keyed by pk/sk (single-table design). The key formats of every
 * item family, and which index lists it, are in keys.ts; this module names the attributes and indexes.
 */
export const KEY = { partition: 'pk', sort: 'sk' } as const;
export const GSI1 = { name: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' } as const;
export const PERMIT_INDEXES = {
  regNo: { name: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
  nib: { name: 'gsi3', partition: 'gsi3pk', sort: 'gsi3sk' },
  sop: { name: 'gsi4', partition: 'gsi4pk', sort: 'gsi4sk' },
  npwp: { name: 'gsi5', partition: 'gsi5pk', sort: 'gsi5sk' },
} as const;
/** Sparse: only waiting links carry its keys, so an official's queue is one query. */
export const TASKS = { name: 'gsi6', partition: 'gsi6pk', sort: 'gsi6sk' } as const;
/** Every secondary index of the table: the local runtime creates them, and so does CDK on AWS. */
export const INDEXES = [GSI1, ...Object.values(PERMIT_INDEXES), TASKS];

/** The table lacks indexes a newer Paraf needs; said in Bahasa Indonesia to whoever started the runtime. */
export class OutdatedTable extends ParafError {
  constructor(table: string, indexes: string[]) {
    super(
      'outdated-table',
      `Tabel ${table} dibuat oleh versi Paraf yang lebih lama (tidak ada indeks ${indexes.join(', ')}). Jalankan npm start sekali pada folder data ini: folder dicadangkan, lalu dimutakhirkan dengan semua catatannya.`,
    );
  }
}

/** Creates the table where it does not exist yet (the local runtime, tests); CDK creates it on AWS. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: KEY.partition, AttributeType: 'S' },
          { AttributeName: KEY.sort, AttributeType: 'S' },
          ...INDEXES.flatMap((index) => [
            { AttributeName: index.partition, AttributeType: 'S' as const },
            { AttributeName: index.sort, AttributeType: 'S' as const },
          ]),
        ],
        KeySchema: [
          { AttributeName: KEY.partition, KeyType: 'HASH' },
          { AttributeName: KEY.sort, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: INDEXES.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partition, KeyType: 'HASH' as const },
            { AttributeName: index.sort, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: 'ALL' as const },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const missing = INDEXES.filter(
      (index) => !(Table?.GlobalSecondaryIndexes ?? []).some((gsi) => gsi.IndexName === index.name),
    );
    // dynalite cannot add an index to a table (UpdateTable has no Create), so an older data folder must be said plainly.
    if (missing.length)
      throw new OutdatedTable(
        tableName,
        missing.map((index) => index.name),
      );
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`table ${tableName} did not become active`);
}
