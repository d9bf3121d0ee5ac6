import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkClientSettings } from '#config/read-config.ts';
import { startStandIns, TABLE } from '#local/start-local.ts';
import { DATA_LAYOUT, LAYOUT_FILE } from '#local/upgrade/data-layout.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { ParafProcess, freePort } from '../support/paraf-process.ts';
import { expectServedCopies } from '../support/served-copies.ts';
import { staffAccountsByCli } from '../support/staff-accounts.ts';
import { cliInProcess } from '../support/cli-in-process.ts';
import { untilTableActive } from '../support/table-active.ts';

/**
 * `npx paraf backup` while `npm start` runs under load (intakes and decisions going on), then
 * `npx paraf restore` into a new folder, `npm start` on it, and every case, number, link and signed
 * copy of the snapshot checked over HTTP; the cases that were in flight are finished there. Both
 * Paraf and the CLI run as their own processes, as an office runs them.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = tempDataDir('paraf-backup-');
const dataDir = join(work, 'data');
const restoredDir = join(work, 'dipulihkan');
const backupFile = join(work, 'cadangan.tar.gz');
const processes: ParafProcess[] = [];
const runtimes = localRuntimes();
afterAll(async () => {
  for (const paraf of processes) await paraf.stop();
  await runtimes.closeAll();
  removeDir(work);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sop = loadCatalog().find((s) => s.id === 'SOP-LP2N-PPK-01')!;

/** `npx paraf <args>` as its own process (bin/paraf.mjs), asynchronously: the load goes on meanwhile. */
function paraf(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'paraf.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, PARAF_DATA: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function started(dir: string, port?: number): Promise<ParafProcess> {
  const runtime = new ParafProcess(dir, port ?? (await freePort()));
  processes.push(runtime);
  const result = await runtime.start();
  expect(result, runtime.output).toHaveProperty('url');
  return runtime;
}

/**
 * Officials at their e-mail: every link that arrives is approved (a decided one answers 409, which is
 * fine), except those of the files held back (by file number), which stay waiting.
 */
function officials(clerk: Clerk, held: ReadonlySet<string> = new Set()) {
  const seen = new Set<string>();
  const decisions: { at: number; status: number }[] = [];
  let driving = true;
  const isHeld = (subject: string) => [...held].some((fileNumber) => subject.includes(`Berkas ${fileNumber}:`));
  const loop = (async () => {
    while (driving) {
      const fresh = (await clerk.outbox())
        .filter((m) => !isHeld(m.subject))
        // By path: links e-mailed by the original name its port; the restored Paraf serves them at its own.
        .flatMap((m) => m.links.map((l) => `${clerk.baseUrl}${new URL(l.url).pathname}`))
        .filter((url) => url.includes('/a/') && !seen.has(url));
      for (const url of fresh) seen.add(url);
      await Promise.all(
        fresh.map(async (url) => {
          const answer = await clerk.decide(url, { decision: 'approve' });
          decisions.push({ at: Date.now(), status: answer.status });
          if (answer.status !== 200 && answer.status !== 409)
            throw new Error(`decision ${answer.status} ${JSON.stringify(answer.body)}`);
        }),
      );
      if (fresh.length === 0) await sleep(25);
    }
  })();
  return {
    decisions,
    seen,
    async stop() {
      driving = false;
      await loop;
    },
  };
}

interface Book {
  last: number;
  inFlight: number[];
  entries: { seq: number; status: string; caseId?: string; reason?: string; documentKind?: string }[];
}

/** The snapshot's table, read from the backup file itself (the items' dump), not through Paraf. */
async function snapshotItems(file: string): Promise<Record<string, { S?: string }>[]> {
  const dir = join(work, 'isi-cadangan');
  mkdirSync(dir, { recursive: true });
  await tar.x({ file, cwd: dir, filter: (path) => path === 'dynamodb/items.jsonl' || path === 'manifest.json' });
  return readFileSync(join(dir, 'dynamodb', 'items.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('npx paraf backup and restore', () => {
  it('backs up a running Paraf under load; the restored folder serves every case, number, link and signed copy, and finishes the cases in flight', async () => {
    const credentials = await staffAccountsByCli(dataDir);
    const original = await started(dataDir);
    const clerk = new Clerk(original.url, credentials);
    // Three files nobody acts on before the backup: cases certainly in flight in the snapshot.
    const held = new Set<string>();
    const load = officials(clerk, held);

    // One permit issued before the backup, then cases in flight and more arriving while it runs.
    const first = await clerk.submit(completeApplication(sop, 'PT Arsip Lengkap'));
    expect(first.status).toBe(201);
    const { id: firstId, fileNumber: firstFileNumber } = first.body as { id: string; fileNumber: string };
    expect((await clerk.waitForStatus(firstId, ['selesai', 'gagal'], 120_000)).status).toBe('selesai');
    const acknowledged: string[] = [firstId];
    for (let i = 0; i < 3; i += 1) {
      const answer = await clerk.submit(completeApplication(sop, `PT Sedang Berjalan ${i}`));
      expect(answer.status).toBe(201);
      acknowledged.push((answer.body as { id: string }).id);
      const waiting = await clerk.submit(completeApplication(sop, `PT Menunggu Pejabat ${i}`));
      expect(waiting.status).toBe(201);
      held.add((waiting.body as { fileNumber: string }).fileNumber);
      acknowledged.push((waiting.body as { id: string }).id);
    }
    // Load under way: decisions being answered on these cases before the backup starts.
    for (let i = 0; i < 2000 && load.decisions.length < 6; i += 1) await sleep(20);
    expect(load.decisions.length).toBeGreaterThanOrEqual(6);

    const backupStarted = Date.now();
    const backingUp = paraf(['backup', backupFile, '--data', dataDir]);
    const during: Promise<{ status: number }>[] = [];
    for (let i = 0; i < 2; i += 1) during.push(clerk.submit(completeApplication(sop, `PT Masuk Saat Cadangan ${i}`)));
    const backup = await backingUp;
    const backupEnded = Date.now();
    expect(backup.code, backup.stderr).toBe(0);
    for (const answer of await Promise.all(during)) expect(answer.status).toBe(201);
    expect(backup.stdout).toContain(`Cadangan tertulis: ${backupFile}`);
    expect(backup.stdout).toMatch(/keadaan pada \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WITA \(/);
    const takenAt = Date.parse(/keadaan pada [^(]+\((\S+)\)/.exec(backup.stdout)![1]!);
    const heldMs = Number(/ditahan (\d+) ms/.exec(backup.stdout)![1]);
    // The load went on around the snapshot's instant: decisions answered between the CLI's start and it, and between it and the CLI's end.
    const answeredIn = (from: number, to: number) => load.decisions.filter((d) => d.at > from && d.at < to).length;
    const before = answeredIn(backupStarted, takenAt);
    const after = answeredIn(takenAt, backupEnded);
    // A guard on the test itself, not on Paraf: it rests on the load keeping pace with the backup (three
    // unheld cases in flight and two arriving answer decisions every few hundred ms; the CLI alone takes
    // seconds to start), and fails if the backup ever ran without load to contend with.
    expect(before + after, 'decisions answered while the backup ran').toBeGreaterThan(0);
    const runningExecutions = Number(/\((\d+) berjalan\)/.exec(backup.stdout)![1]);
    await load.stop();
    await original.stop();

    // The snapshot itself: the table's items as the backup holds them.
    const items = await snapshotItems(backupFile);
    const cases = items.filter((item) => item.pk?.S?.startsWith('CASE#') && item.sk?.S === 'META');
    const caseIds = cases.map((item) => item.pk!.S!.slice('CASE#'.length));
    const statusOf = new Map(cases.map((item) => [item.pk!.S!.slice('CASE#'.length), item.status?.S]));
    const permitsInSnapshot = items.filter((item) => item.pk?.S?.startsWith('PERMIT#') && item.sk?.S === 'META');
    for (const id of acknowledged) expect(caseIds, `case ${id} acknowledged before the backup`).toContain(id);
    const inFlight = caseIds.filter((id) => statusOf.get(id) === 'berjalan');
    expect(inFlight.length, 'cases in flight in the snapshot').toBeGreaterThanOrEqual(3);
    expect(permitsInSnapshot.length).toBeGreaterThanOrEqual(1);

    // The backup holds every signing key and account: only its owner may read it, as only they may read the data folder.
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);

    // A damaged copy is refused, in Bahasa Indonesia, and nothing is written.
    const bytes = readFileSync(backupFile);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    const damaged = {
      flipped,
      truncated: bytes.subarray(0, Math.floor(bytes.length * 0.7)),
      empty: Buffer.alloc(0),
      'not-gzip': Buffer.from('bukan cadangan'),
    };
    for (const [name, content] of Object.entries(damaged)) {
      const file = join(work, `rusak-${name}.tar.gz`);
      writeFileSync(file, content);
      const target = join(work, `tujuan-${name}`);
      const refused = await paraf(['restore', file, target]);
      expect(refused.code, `${name}: ${refused.stdout}${refused.stderr}`).toBe(1);
      expect(refused.stderr, name).toContain(`Berkas cadangan ${file} tidak dapat dipulihkan`);
      expect(refused.stderr, name).toContain('Tidak ada yang ditulis.');
      // The library's own words (zlib's "incorrect data check", tar's codes) stay out of what the officer reads.
      expect(refused.stderr, name).not.toMatch(/zlib|incorrect|invalid|unexpected|TAR_|EOF/);
      expect(existsSync(target), name).toBe(false);
      expect(
        readdirSync(work).filter((entry) => entry.startsWith(`tujuan-${name}`)),
        name,
      ).toEqual([]);
    }
    // A backup whose gzip and tar are sound but one file differs from the manifest (re-packed by hand).
    const repacked = join(work, 'diubah');
    mkdirSync(repacked);
    await tar.x({ file: backupFile, cwd: repacked });
    const outboxDir = join(repacked, 'outbox');
    const message = readdirSync(outboxDir)[0]!;
    // One more space at its end: still JSON, but not the file the manifest's SHA-256 names.
    writeFileSync(join(outboxDir, message), `${readFileSync(join(outboxDir, message), 'utf8')} `);
    const listed = (JSON.parse(readFileSync(join(repacked, 'manifest.json'), 'utf8')) as { files: { path: string }[] })
      .files;
    const altered = join(work, 'diubah.tar.gz');
    await tar.c({ gzip: true, file: altered, cwd: repacked }, ['manifest.json', ...listed.map((f) => f.path)]);
    const refusedAltered = await paraf(['restore', altered, join(work, 'tujuan-diubah')]);
    expect(refusedAltered.code).toBe(1);
    expect(refusedAltered.stderr).toContain(`isi outbox/${message} tidak sama dengan yang tercatat (SHA-256 berbeda)`);
    expect(existsSync(join(work, 'tujuan-diubah'))).toBe(false);
    // A folder that is not empty is refused too.
    const occupied = join(work, 'berisi');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'catatan.txt'), 'milik orang lain');
    const refusedOccupied = await paraf(['restore', backupFile, occupied]);
    expect(refusedOccupied.code).toBe(1);
    expect(refusedOccupied.stderr).toContain('tidak kosong');
    expect(readdirSync(occupied)).toEqual(['catatan.txt']);

    // Restored, and started on.
    const restore = await paraf(['restore', backupFile, restoredDir]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(statSync(restoredDir).mode & 0o777).toBe(0o700);
    // At the original's address, as an office restores it (the links and QR codes name that address).
    const restored = await started(restoredDir, original.port);
    expect(restored.output).toContain(`proses dilanjutkan setelah mulai ulang: ${runningExecutions}`);
    const again = new Clerk(restored.url, credentials);
    try {
      // Every case of the snapshot, with its file number and a receipt from the archive; finished ones as they were.
      for (const item of cases) {
        const id = item.pk!.S!.slice('CASE#'.length);
        const { status, body } = await again.json(`/api/cases/${id}`);
        expect(status, id).toBe(200);
        expect(body.fileNumber, id).toBe(item.fileNumber?.S);
        if (item.status?.S !== 'berjalan') expect(body.status, id).toBe(item.status?.S);
        expect((await again.fetch(`/api/cases/${id}/receipt`)).status, `receipt of ${id}`).toBe(200);
      }
      // Every link e-mailed before the snapshot opens.
      const links = (await again.outbox())
        .flatMap((m) => m.links.map((l) => new URL(l.url).pathname))
        .filter((path) => path.startsWith('/a/'));
      expect(links.length).toBeGreaterThan(0);
      for (const path of links) expect((await again.fetch(path)).status, path).toBe(200);
      // Every signed copy of the snapshot's permits, as served, in pdfsig with the restored CA trusted.
      const permits = (await again.json(`/api/permits?sop=${sop.id}`)).body.permits as { documentId: string }[];
      expect(permits.map((p) => p.documentId).sort()).toEqual(
        permitsInSnapshot.map((item) => item.pk!.S!.slice('PERMIT#'.length)).sort(),
      );
      for (const permit of permits) await expectServedCopies(again, permit.documentId, restoredDir, [4, 2, 2]);

      // The cases in flight are finished on the restored folder.
      const finishing = officials(again);
      for (const id of inFlight) {
        const done = await again.waitForStatus(id, ['selesai', 'gagal'], 240_000);
        expect(done.status, `${id}: ${JSON.stringify(done.history)}`).toBe('selesai');
      }
      await finishing.stop();

      // Registers: every number from 1 to the last used once by a case of the snapshot (or void with its reason), none in flight.
      // The year the numbers were given in: the first file's number names it (API-U/<year>/00001).
      const year = Number(firstFileNumber.split('/')[1]);
      const registers = ['berkas-SOP-LP2N-PPK-01', 'api-u'];
      for (const register of registers) {
        const book = (await again.json(`/api/registers/${register}/${year}`)).body as unknown as Book;
        expect(book.inFlight, register).toEqual([]);
        expect(
          book.entries.map((e) => e.seq),
          register,
        ).toEqual(Array.from({ length: book.last }, (_, i) => i + 1));
        for (const entry of book.entries) {
          if (entry.status === 'batal') expect(entry.reason, `${register} ${entry.seq}`).toMatch(/\w{10}/);
          else expect(caseIds, `${register} ${entry.seq}`).toContain(entry.caseId);
        }
      }
      const issued = (await again.json(`/api/permits?sop=${sop.id}`)).body.permits as { documentId: string }[];
      expect(issued.length).toBe(permitsInSnapshot.length + inFlight.length);
      for (const permit of issued) await expectServedCopies(again, permit.documentId, restoredDir, [4, 2, 2]);
      console.log(
        `backup: ${caseIds.length} cases in the snapshot (${inFlight.length} in flight), ${permitsInSnapshot.length} permits, ${items.length} items, ${links.length} links; table writes held ${heldMs} ms; ${before} decisions answered between the CLI's start and the snapshot, ${after} after it while the file was written; ${issued.length} permits verified after finishing`,
      );
    } catch (error) {
      console.log(restored.output.slice(-4000));
      throw error;
    }
    await restored.stop();
  }, 600_000);

  it("carries a data folder whose table lacks this release's indexes over to a new folder with them: backup on the stopped folder, restore", async () => {
    // A table as an earlier release made it: one index, where this one needs six.
    const old = join(work, 'lama');
    mkdirSync(old);
    const standIns = await startStandIns(old);
    const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const item = {
      pk: { S: 'CATATAN#lama' },
      sk: { S: 'META' },
      isi: { S: 'dari versi lama' },
      data: { B: Buffer.from([0, 1, 254, 255]) },
    };
    await untilTableActive(client, TABLE);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    client.destroy();
    await standIns.close();

    const file = join(work, 'lama.tar.gz');
    const backedUp = await cliInProcess(['backup', file, '--data', old]);
    expect(backedUp.code, backedUp.out + backedUp.err).toBe(0);
    const upgraded = join(work, 'baru');
    const restored = await cliInProcess(['restore', file, upgraded]);
    expect(restored.code, restored.out + restored.err).toBe(0);
    // A restored folder knows the backup it came from: its health page does not say it was never backed up.
    expect(JSON.parse(readFileSync(join(upgraded, 'cadangan-terakhir.json'), 'utf8'))).toMatchObject({ file });
    const paraf = await runtimes.start(upgraded);
    const read = await paraf.runtime.dynamo.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }),
    );
    expect(read.Item?.isi).toEqual(item.isi);
    expect(Buffer.from(read.Item?.data?.B ?? [])).toEqual(Buffer.from([0, 1, 254, 255]));
    await runtimes.stop(paraf);
  }, 120_000);
  it("refuses a later release's backup, naming it and what to do, and writes nothing", async () => {
    const source = join(work, 'sumber-rilis-baru');
    await runtimes.stop(await runtimes.start(source));
    const plain = join(work, 'sumber-rilis-baru.tar.gz');
    expect((await cliInProcess(['backup', plain, '--data', source])).code).toBe(0);
    // The same backup as a later release would write it: its layout one higher, the manifest to match.
    const unpacked = join(work, 'rilis-baru-dibongkar');
    mkdirSync(unpacked);
    await tar.x({ file: plain, cwd: unpacked });
    const layoutFile = join(unpacked, LAYOUT_FILE);
    writeFileSync(layoutFile, `${JSON.stringify({ versi: DATA_LAYOUT + 1 })}\n`);
    const manifestFile = join(unpacked, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      files: { path: string; bytes: number; sha256: string }[];
    };
    const entry = manifest.files.find((file) => file.path === LAYOUT_FILE)!;
    entry.bytes = statSync(layoutFile).size;
    entry.sha256 = createHash('sha256').update(readFileSync(layoutFile)).digest('hex');
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const newer = join(work, 'rilis-baru.tar.gz');
    await tar.c({ gzip: true, file: newer, cwd: unpacked }, ['manifest.json', ...manifest.files.map((f) => f.path)]);

    const target = join(work, 'tujuan-rilis-baru');
    const refused = await cliInProcess(['restore', newer, target]);
    expect(refused.code, refused.out + refused.err).toBe(1);
    expect(refused.err).toContain(
      `Cadangan ${newer} dibuat oleh rilis Paraf yang lebih baru (susunan data versi ${DATA_LAYOUT + 1}; rilis ini memakai versi ${DATA_LAYOUT}): pulihkan dengan rilis itu. Tidak ada yang ditulis.`,
    );
    expect(readdirSync(work).filter((name) => name.startsWith('tujuan-rilis-baru'))).toEqual([]);
  }, 120_000);

  it('refuses a folder that is no Paraf data folder (a mistyped --data or PARAF_DATA), naming how to give it, and writes nothing', async () => {
    const empty = join(work, 'kosong-bukan-data');
    mkdirSync(empty);
    const file = join(work, 'isian-salah');
    writeFileSync(file, 'bukan folder');
    for (const [dataDir, said] of [
      [empty, 'bukan folder data Paraf (tidak ada susunan-data.json maupun folder dynamodb di dalamnya)'],
      [file, 'bukan folder data Paraf'],
      [join(work, 'tidak-pernah-ada'), 'tidak ada'],
    ] as const) {
      for (const args of [
        ['backup', join(work, 'salah.tar.gz'), '--data', dataDir],
        ['doctor', '--data', dataDir],
      ]) {
        const run = await cliInProcess(args);
        // doctor's 1 means "a problem found" to a monitoring script; it could check nothing here.
        expect(run.code, args.join(' ')).toBe(args[0] === 'doctor' ? 2 : 1);
        expect(run.err, args.join(' ')).toContain(`${dataDir} ${said}`);
        expect(run.err).toContain('Sebutkan folder data Paraf dengan --data <folder> atau PARAF_DATA');
      }
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('bukan folder');
    expect(existsSync(join(work, 'salah.tar.gz'))).toBe(false);
    expect(existsSync(join(work, 'tidak-pernah-ada'))).toBe(false);
  });
});
