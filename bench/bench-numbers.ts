import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from '#records/table.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { officeRegisters } from '#sop/registers.ts';

/** Registration numbers under 1000 concurrent requests on one register, through the SDK against dynalite. */
export async function benchNumbers(rounds: number): Promise<void> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const client = DynamoDBDocumentClient.from(raw);
  try {
    await ensureTable(raw, 'paraf-bench');
    const register = officeRegisters().find((r) => r.id === 'api-u')!;
    console.log(
      `\nRegistration numbers, 1000 concurrent requests on one register (dynalite in memory, same process), ${rounds} rounds:`,
    );
    for (let round = 0; round < rounds; round += 1) {
      const at = new Date(Date.UTC(2030 + round, 5, 1));
      const start = performance.now();
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          assignNumber(client, 'paraf-bench', { register, caseId: `r${round}-${i}`, documentKind: 'api-u', at }),
        ),
      );
      const seconds = (performance.now() - start) / 1000;
      const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
      const gaps = seqs.filter((seq, i) => seq !== i + 1).length;
      console.log(
        `  round ${round + 1}: ${Math.round(1000 / seconds)} numbers/s, ${new Set(seqs).size} distinct, ${gaps} out of place (goal: >= 300/s, 0 gaps)`,
      );
    }
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
