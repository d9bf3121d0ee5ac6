import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '#records/table.ts';

export interface DynaliteTable {
  /** The document client on the table's DynamoDB; there once beforeAll has run. */
  dynamo: DynamoDBDocumentClient;
}

/**
 * A file's table `table` on a dynalite of its own in this process (real DynamoDB calls, in memory),
 * made in beforeAll as the runtime makes its table, and the client and server closed in afterAll.
 */
export function dynaliteTable(table: string): DynaliteTable {
  const server = dynalite({ createTableMs: 0 });
  const at = {} as DynaliteTable;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const raw = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(raw, table);
    at.dynamo = DynamoDBDocumentClient.from(raw);
  });
  afterAll(async () => {
    at.dynamo?.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return at;
}
