import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { type ListeningTable, startDynalite } from '#local/table-thread/start-dynalite.ts';
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
  let server: ListeningTable | undefined;
  const at = {} as DynaliteTable;
  beforeAll(async () => {
    server = await startDynalite();
    const raw = new DynamoDBClient({
      endpoint: server.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(raw, table);
    at.dynamo = DynamoDBDocumentClient.from(raw);
  });
  afterAll(async () => {
    at.dynamo?.destroy();
    await server?.close();
  });
  return at;
}
