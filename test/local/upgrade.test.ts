import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../support/cli-in-process.ts';
import { sdkClientSettings } from '#config/read-config.ts';
import { startStandIns, TABLE, type LocalParaf } from '#local/start-local.ts';
import { DATA_LAYOUT, LAYOUT_FILE, UPGRADE_JOURNAL, layoutOf } from '#local/upgrade/upgrade-data-folder.ts';
import { INDEXES } from '#records/table.ts';
import { ledgerFilledAt } from '#records/service-ledger.ts';
import { permitKeysFilledAt } from '#records/permit-index.ts';
import { listTasks } from '#cases/list-tasks.ts';
import { Clerk, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { freePort, ParafProcess } from '../support/paraf-process.ts';
import { expectServedCopies } from '../support/served-copies.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { untilTableActive } from '../support/table-active.ts';

/**
 * A data folder made by an earlier release, upgraded by `npm start` (infra/local/upgrade/).
 *
 * The fixture was made by Paraf at commit a7c5aef (before sign-in, SOP revisions, PAdES levels and
 * backups; the layout this release calls 1) with `startLocal` and its Clerk: three API-U cases, one
 * waiting at step 6, one at step 9 (reviewed and initialled), one finished (numbered, signed, handed
 * over), then stopped with Ctrl+C. Its links point at the port that run had; a person's browser
 * would use the same address after an upgrade, so the test follows each link's path on this start.
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/data-folder-a7c5aef.tar.gz', import.meta.url));
const IN_FLIGHT = ['API-U/2026/00001', 'API-U/2026/00002'];
const work = tempDataDir('paraf-upgrade-');
const runtimes = localRuntimes();
afterAll(async () => {
  await runtimes.closeAll();
  removeDir(work);
});

function unpackFixture(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  execFileSync('tar', ['xzf', FIXTURE, '-C', dir]);
  return join(dir, 'data');
}

/** The waiting cases of the fixture taken to their end by the officials, following the e-mailed links. */
async function finishOldCases(paraf: LocalParaf): Promise<Clerk> {
  const clerk = new Clerk(paraf.url, await staffAccounts(paraf));
  for (const fileNumber of IN_FLIGHT) {
    let last = 0;
    // Until the applicant's receipt at step 13: each next e-mail waited for as an official would.
    for (let link = await clerk.nextLink(fileNumber, 60_000); link; ) {
      const answer = await clerk.decide(`${paraf.url}${new URL(link.url).pathname}`, { decision: 'approve' });
      // Links the old release's officials already used answer "decided"; every other one is taken.
      expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
      if (answer.status === 200) last = link.step;
      link = last === 13 ? undefined : await clerk.nextLink(fileNumber, 60_000);
    }
    expect(last, fileNumber).toBe(13);
  }
  return clerk;
}

/** Every permit of the folder: numbered 1, 2, 3 in the register (no gap), each served copy's signatures valid. */
async function expectThreePermits(paraf: LocalParaf, clerk: Clerk) {
  let permits: { documentId: string; registrationNumber: string; company: string }[] = [];
  for (const until = Date.now() + 30_000; Date.now() < until && permits.length < 3; ) {
    permits = (await clerk.json('/api/permits?sop=SOP-LP2N-PPK-01')).body.permits as typeof permits;
    if (permits.length < 3) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(permits.map((p) => Number(/^503\/(\d+)\//.exec(p.registrationNumber)?.[1])).sort()).toEqual([1, 2, 3]);
  // Case 1 was drafted after the upgrade; case 2 before it (no QR code), finished after (a document
  // timestamp); the third was issued by the earlier release (neither).
  const carries = (company: string) => ({
    qr: company === 'PT Lama Satu',
    documentTimestamp: company !== 'PT Mahakam Niaga Sentosa',
    // Release a7c5aef signed without a TSA: its signatures carry no timestamp, the later ones do.
    signatureTimestamps: false,
  });
  expect(permits.map((p) => p.company).sort()).toEqual(['PT Lama Dua', 'PT Lama Satu', 'PT Mahakam Niaga Sentosa']);
  for (const permit of permits)
    await expectServedCopies(clerk, permit.documentId, paraf.dataDir, [4, 2, 2], carries(permit.company));
}

/** The fixture's table made as a release before the tasks index would have had it: every index but gsi6. */
async function dropTasksIndex(dataDir: string): Promise<number> {
  const standIns = await startStandIns(dataDir);
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    await client.send(new DeleteTableCommand({ TableName: TABLE }));
    // dynalite deletes in the background: the name is free once the table is no longer described.
    for (const until = Date.now() + 60_000; ; ) {
      try {
        await client.send(new DescribeTableCommand({ TableName: TABLE }));
      } catch {
        break;
      }
      if (Date.now() > until) throw new Error(`table ${TABLE} still described 60 s after its deletion`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const kept = INDEXES.filter((index) => index.name !== 'gsi6');
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...kept.flatMap((index) => [index.partition, index.sort])].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: kept.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partition, KeyType: 'HASH' },
            { AttributeName: index.sort, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await untilTableActive(client, TABLE);
    for (let i = 0; i < items.length; i += 25)
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    return items.length;
  } finally {
    client.destroy();
    await standIns.close();
  }
}

async function tableOf(paraf: LocalParaf) {
  const { Table } = await paraf.runtime.dynamo.send(new DescribeTableCommand({ TableName: TABLE }));
  let items = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await paraf.runtime.dynamo.send(
      // Not the dashboard's digests: the runtime's minute sweep makes them on its own clock.
      new ScanCommand({
        TableName: TABLE,
        Select: 'COUNT',
        ExclusiveStartKey: start,
        FilterExpression: 'NOT begins_with(sk, :digest)',
        ExpressionAttributeValues: { ':digest': { S: 'DIGEST#' } },
      }),
    );
    items += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return { indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort(), items };
}

describe("an earlier release's data folder at npm start", () => {
  it('is backed up, recorded at this layout, and its cases in flight finish with gapless numbers and valid signatures', async () => {
    const dataDir = unpackFixture('rilis-lama');
    expect(layoutOf(dataDir)).toBe(1);
    const said: string[] = [];
    const paraf = await runtimes.start(dataDir, undefined, undefined, (line) => said.push(line));
    expect(paraf.upgraded).toMatchObject({ from: 1, to: DATA_LAYOUT, rebuiltTable: false, resumed: false });
    expect(said.join('\n')).toContain('Langkah 1: folder data dicadangkan');
    // The dashboard's ledger is entered from the old cases, said before it begins and after it is done.
    const ledgerLines = said.filter(
      (line) => line.includes('buku layanan dasbor') || line.includes('Buku layanan dasbor'),
    );
    expect(ledgerLines).toEqual([
      expect.stringMatching(/^Mengisi buku layanan dasbor/),
      expect.stringMatching(/^Buku layanan dasbor diisi dari 3 berkas/),
    ]);
    expect(JSON.parse(readFileSync(join(dataDir, LAYOUT_FILE), 'utf8'))).toMatchObject({ versi: DATA_LAYOUT, dari: 1 });
    // The backup taken before the upgrade is a backup like any other: it restores.
    const backup = paraf.upgraded!.backup;
    expect(backup.startsWith(`${dataDir}.cadangan/sebelum-pemutakhiran-`)).toBe(true);
    const restoredTo = join(work, 'pulih');
    const restored = await cliInProcess(['restore', backup, restoredTo]);
    expect(restored.code, restored.out + restored.err).toBe(0);
    expect(existsSync(join(restoredTo, 'pki', 'ca.cert.pem'))).toBe(true);

    const clerk = await finishOldCases(paraf);
    await expectThreePermits(paraf, clerk);
    await runtimes.stop(paraf);
    // Upgraded once: the next start changes nothing.
    const again = await runtimes.start(dataDir);
    expect(again.upgraded).toBeUndefined();
    await runtimes.stop(again);
  }, 300_000);

  it('rebuilds a table that lacks an index this release queries, finishing after a kill -9 in each step', async () => {
    const port = await freePort();
    // Where each kill landed, read from the upgrade's own journal after it: the phase it had recorded
    // ('backup' is step 1, 'rebuild' step 2, 'swap' step 3), or none once the upgrade had finished.
    const phaseOf = (dataDir: string) =>
      existsSync(join(dataDir, UPGRADE_JOURNAL))
        ? (JSON.parse(readFileSync(join(dataDir, UPGRADE_JOURNAL), 'utf8')) as { phase: string }).phase
        : 'finished';
    /** A fresh copy of the fixture, killed -9 as soon as each step is announced; where each kill landed. */
    const killEachStep = async (attempt: number) => {
      const dataDir = unpackFixture(`tanpa-indeks-${attempt}`);
      const items = await dropTasksIndex(dataDir);
      const landed: string[] = [];
      for (const step of ['Langkah 1', 'Langkah 2', 'Langkah 3']) {
        const child = new ParafProcess(dataDir, port);
        const started = child.start();
        for (const until = Date.now() + 120_000; !child.output.includes(step) && Date.now() < until; )
          await new Promise((resolve) => setTimeout(resolve, 5));
        await child.kill();
        await started;
        expect(child.output, child.output).toContain(step);
        landed.push(`${step}: ${phaseOf(dataDir)}`);
      }
      return { dataDir, items, landed };
    };
    // The first two steps write for hundreds of milliseconds, so a kill announced at a step's start
    // lands inside it; one that misses (the step done first) is aimed again on a fresh copy, up to three times.
    const cutOff = ['Langkah 1: backup', 'Langkah 2: rebuild'];
    let run = await killEachStep(1);
    for (let attempt = 2; attempt <= 3 && run.landed.slice(0, 2).join() !== cutOff.join(); attempt += 1)
      run = await killEachStep(attempt);
    const { dataDir, items, landed } = run;
    expect(landed.slice(0, 2)).toEqual(cutOff);
    const last = new ParafProcess(dataDir, port);
    const ran = await last.start();
    expect('url' in ran, last.output).toBe(true);
    await last.stop();
    console.log(
      `upgrade under kill -9: ${landed.join('; ')}; then:\n${last.output.split('\n').slice(0, 4).join('\n')}`,
    );

    expect(existsSync(join(dataDir, UPGRADE_JOURNAL))).toBe(false);
    expect(layoutOf(dataDir)).toBe(DATA_LAYOUT);
    const paraf = await runtimes.start(dataDir);
    const table = await tableOf(paraf);
    expect(table.indexes).toEqual(INDEXES.map((index) => index.name).sort());
    // Every item carried over, and the dashboard's ledger the start fills from them: one item (the
    // fixture's three cases were received in one part of a month), its part's version and the mark that it is filled;
    // and the mark that its permits (none issued yet) have the Arsip's status index.
    expect(table.items).toBe(items + 4);
    expect(await ledgerFilledAt(paraf.runtime.dynamo, TABLE)).toBeDefined();
    expect(await permitKeysFilledAt(paraf.runtime.dynamo, TABLE)).toBeDefined();
    // The tasks index answers again: each waiting step is in its official's queue (finishing the cases
    // themselves is the test above).
    const queued = async (official: string) =>
      (await listTasks(paraf.runtime, official)).map(({ record, task }) => `${record?.fileNumber} ${task.step}`);
    expect(await queued('pemrosesan')).toEqual(['API-U/2026/00001 6']);
    expect(await queued('kabid-layanan')).toEqual(['API-U/2026/00002 9']);
    await runtimes.stop(paraf);
  }, 600_000);
});

describe("a later release's data folder", () => {
  it('is not opened by npm start, the staff command or a backup: the way back is named and nothing is written', async () => {
    const dataDir = join(work, 'rilis-baru');
    mkdirSync(dataDir, { recursive: true });
    const layout = `${JSON.stringify({ versi: DATA_LAYOUT + 1, dibuat: '2027-01-04T01:00:00.000Z' })}\n`;
    writeFileSync(join(dataDir, LAYOUT_FILE), layout);
    const refusal = `bersusunan versi ${DATA_LAYOUT + 1}, buatan rilis Paraf yang lebih baru`;
    await expect(runtimes.start(dataDir)).rejects.toThrow(refusal);
    for (const args of [
      ['staf', 'daftar', '--data', dataDir],
      ['backup', join(work, 'baru.tar.gz'), '--data', dataDir],
    ]) {
      const run = await cliInProcess(args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.err + run.out, args.join(' ')).toContain(refusal);
    }
    expect(readdirSync(dataDir)).toEqual([LAYOUT_FILE]);
    expect(readFileSync(join(dataDir, LAYOUT_FILE), 'utf8')).toBe(layout);
    expect(existsSync(join(work, 'baru.tar.gz'))).toBe(false);
  });
});
