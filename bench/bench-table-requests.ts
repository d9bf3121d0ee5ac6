import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { startTableThread } from '#local/table-thread/table-thread.ts';
import { ensureTable } from '#records/table.ts';
import { median } from './measure.ts';

const TABLE = 'paraf-bench';

/** The table client's settings as the runtime makes them for its stand-in (its logger and signer), at `endpoint`. */
export const standInTableSettings = (endpoint: string) =>
  sdkClientSettings(
    {
      s3PathStyle: true,
      standIns: {
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        endpoints: { dynamodb: endpoint, s3: 'http://127.0.0.1:1' },
      },
    },
    'dynamodb',
  );

/**
 * One table request's cost on the local runtime, by transport: the same SDK client (the runtime's
 * logger and signer) reaching dynalite on its own thread over loopback HTTP, as before, and through
 * the thread's port, as `npm start`'s runtime now does (table-requests.ts). Rounds alternate the two,
 * because the machine is shared; CPU is the whole process's, the table's thread included.
 */
export async function benchTableRequests(rounds: number, requests: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'paraf-bench-table-'));
  const table = await startTableThread(join(folder, 'dynamodb'));
  const settings = standInTableSettings(table.endpoint);
  const clients = {
    'over HTTP': DynamoDBDocumentClient.from(new DynamoDBClient(settings)),
    'through its port': DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...settings, requestHandler: table.requestHandler }),
    ),
  };
  try {
    const writer = clients['over HTTP'];
    await ensureTable(writer, TABLE);
    for (let i = 0; i < 20; i += 1)
      await writer.send(
        new PutCommand({ TableName: TABLE, Item: { pk: 'BENCH#1', sk: `item#${i}`, text: 'x'.repeat(500) } }),
      );
    const work = {
      'GetItem (one item of 0.5 KB)': (client: DynamoDBDocumentClient) =>
        client.send(new GetCommand({ TableName: TABLE, Key: { pk: 'BENCH#1', sk: 'item#0' }, ConsistentRead: true })),
      'Query (20 items of 0.5 KB)': (client: DynamoDBDocumentClient) =>
        client.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': 'BENCH#1' },
          }),
        ),
    };
    console.log(
      `\nOne table request, dynalite on its own thread, ${requests} requests one after another per round, ${rounds} rounds alternating (CPU of the whole process, the table's thread included):`,
    );
    for (const [name, send] of Object.entries(work)) {
      const measured = new Map<string, { cpu: number[]; wall: number[] }>();
      for (let round = 0; round < rounds + 1; round += 1)
        for (const [way, client] of Object.entries(clients)) {
          const cpuBefore = process.cpuUsage();
          const start = performance.now();
          for (let i = 0; i < requests; i += 1) await send(client);
          const wall = (performance.now() - start) / requests;
          const cpu = process.cpuUsage(cpuBefore);
          // The first round warms both up and is not counted.
          if (round === 0) continue;
          const entry = measured.get(way) ?? { cpu: [], wall: [] };
          entry.cpu.push((cpu.user + cpu.system) / 1000 / requests);
          entry.wall.push(wall);
          measured.set(way, entry);
        }
      const http = measured.get('over HTTP')!;
      const port = measured.get('through its port')!;
      console.log(`  ${name}:`);
      for (const [way, { cpu, wall }] of measured)
        console.log(
          `    ${way.padEnd(17)} CPU ${median(cpu).toFixed(3)} ms, wall ${median(wall).toFixed(3)} ms (medians)`,
        );
      console.log(
        `    ratio (HTTP / port): CPU ${(median(http.cpu) / median(port.cpu)).toFixed(2)}x, wall ${(median(http.wall) / median(port.wall)).toFixed(2)}x`,
      );
    }
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    await table.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
