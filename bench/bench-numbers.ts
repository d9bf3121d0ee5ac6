import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HttpHandler } from '@smithy/core/protocols';
import { startDynalite } from '#local/table-thread/start-dynalite.ts';
import { startTableThread } from '#local/table-thread/table-thread.ts';
import { ensureTable } from '#records/table.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { listRegister } from '#registry/list-register.ts';
import { officeRegisters } from '#sop/registers.ts';
import { median } from './measure.ts';
import { standInTableSettings } from './bench-table-requests.ts';

/**
 * Where the table runs and how the client reaches it: dynalite in memory on this thread (the
 * measurement before), on its own thread on disk over loopback HTTP (as tools reach it), and on its
 * own thread through its port (as `npm start`'s runtime reaches it, table-requests.ts).
 */
type TableSetting = 'memory' | 'thread over HTTP' | 'thread through its port';
const SETTING_TEXT: Record<TableSetting, string> = {
  memory: 'dynalite in memory, on this thread',
  'thread over HTTP':
    "dynalite on its own thread, on disk, over loopback HTTP; this process's CPU includes that thread",
  'thread through its port':
    "dynalite on its own thread, on disk, through its port, as npm start runs it; this process's CPU includes that thread",
};

async function startTable(setting: TableSetting): Promise<{
  endpoint: string;
  requestHandler?: HttpHandler;
  close(): Promise<void>;
}> {
  if (setting === 'memory') return await startDynalite();
  const folder = mkdtempSync(join(tmpdir(), 'paraf-bench-numbers-'));
  const thread = await startTableThread(join(folder, 'dynamodb'));
  return {
    endpoint: thread.endpoint,
    ...(setting === 'thread through its port' ? { requestHandler: thread.requestHandler } : {}),
    close: async () => {
      await thread.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Registration numbers under 1000 concurrent requests on one register, through the SDK against
 * dynalite, in each of the three settings above, side by side.
 */
export async function benchNumbers(rounds: number): Promise<void> {
  for (const setting of Object.keys(SETTING_TEXT) as TableSetting[]) await benchNumbersOn(setting, rounds);
}

async function benchNumbersOn(setting: TableSetting, rounds: number): Promise<void> {
  const table = await startTable(setting);
  // The client as the runtime makes it for its stand-in (its logger, signer and transport), so that this measures what npm start runs.
  const raw = new DynamoDBClient({
    ...standInTableSettings(table.endpoint),
    ...(table.requestHandler ? { requestHandler: table.requestHandler } : {}),
  });
  // Every request the SDK makes, retries included: inside the retry middleware, once per attempt.
  let requests = 0;
  raw.middlewareStack.add(
    (next) => (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'countRequests' },
  );
  const client = DynamoDBDocumentClient.from(raw);
  try {
    await ensureTable(raw, 'paraf-bench');
    const register = officeRegisters().find((r) => r.id === 'api-u')!;
    console.log(
      `\nRegistration numbers, 1000 concurrent requests on one register (${SETTING_TEXT[setting]}), ${rounds} rounds:`,
    );
    const rates: number[] = [];
    const perNumber: number[] = [];
    const cpuPerNumber: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const at = new Date(Date.UTC(2030 + round, 5, 1));
      const before = requests;
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          assignNumber(client, 'paraf-bench', { register, caseId: `r${round}-${i}`, documentKind: 'api-u', at }),
        ),
      );
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // CPU of this process (client and dynalite) per number: what bounds the rate on one core, whatever the load.
      const cpuMs = (cpu.user + cpu.system) / 1000 / 1000;
      cpuPerNumber.push(cpuMs);
      rates.push(1000 / seconds);
      perNumber.push((requests - before) / 1000);
      const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
      const gaps = seqs.filter((seq, i) => seq !== i + 1).length;
      // The register itself: every number from 1 to its last is a claim, none in flight.
      const listing = await listRegister(client, 'paraf-bench', 'api-u', 2030 + round);
      console.log(
        `  round ${round + 1}: ${Math.round(1000 / seconds)} numbers/s, ${cpuMs.toFixed(2)} ms CPU per number, ${((requests - before) / 1000).toFixed(2)} requests per number, ${1000 - new Set(seqs).size} repeats, ${gaps} out of place; register: last ${listing.last}, ${listing.entries.length} entries, ${listing.inFlight.length} in flight`,
      );
    }
    console.log(
      `  median ${Math.round(median(rates))} numbers/s, ${median(cpuPerNumber).toFixed(2)} ms CPU per number (at most ${Math.round(1000 / median(cpuPerNumber))}/s on one core), ${median(perNumber).toFixed(2)} requests per number (goal: >= 800/s, 0 gaps, 0 repeats)`,
    );
  } finally {
    client.destroy();
    await table.close();
  }
}
