import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * dynalite makes a table in the background, even with createTableMs 0: until it is described as
 * ACTIVE, a write to it is answered ResourceNotFoundException. A test that makes a table by hand
 * (an earlier release's layout) waits here before writing.
 */
export async function untilTableActive(client: DynamoDBClient, table: string): Promise<void> {
  for (const until = Date.now() + 60_000; ; ) {
    const { Table } = await client
      .send(new DescribeTableCommand({ TableName: table }))
      .catch(() => ({ Table: undefined }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > until) throw new Error(`table ${table} not ACTIVE 60 s after its creation`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
