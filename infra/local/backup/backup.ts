import {
  chmodSync,
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { BatchWriteItemCommand, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient as Client } from '@aws-sdk/client-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { ensureTable } from '#records/table.ts';
import {
  backupDamaged,
  filesUnder,
  packBackup,
  sha256Of,
  unpackBackup,
  verifyBackup,
  type Manifest,
} from './archive-file.ts';
import type { ReleaseTable } from './table-write-hold.ts';
import { DATA_LAYOUT, layoutOf } from '../upgrade/data-layout.ts';
import { LAST_BACKUP, readDumpedItem, STAGING, TABLE_DESCRIPTION, takeSnapshot } from './take-snapshot.ts';

/** A backup or restore asked for something it cannot do: said in Bahasa Indonesia, nothing written. */
const refused = (message: string) => new ParafError('backup-refused', message);

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  takenAt: string;
  counts: Manifest['counts'];
  /** How long the table's writes waited, and the file links took (milliseconds). */
  heldMs: number;
  linkMs: number;
}

/** What the health report reads: the last backup a data folder made. */
export interface LastBackup {
  at: string;
  file: string;
  bytes: number;
  sha256: string;
}

export function readLastBackup(dataDir: string): LastBackup | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, LAST_BACKUP), 'utf8')) as LastBackup;
  } catch {
    return undefined;
  }
}

const filesIn = (dir: string, suffix: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(suffix)) : [];

/** s3rver keeps each object as a `._S3rver_object` file beside its metadata. */
const countObjects = (dir: string) =>
  existsSync(dir) ? filesUnder(dir).filter((path) => path.endsWith('._S3rver_object')).length : 0;

function countsOf(stagingDir: string, items: number): Manifest['counts'] {
  const executions = filesIn(join(stagingDir, 'executions'), '.json');
  return {
    items,
    archiveObjects: countObjects(join(stagingDir, 's3')),
    executions: executions.length,
    executionsRunning: executions.filter(
      (name) =>
        (JSON.parse(readFileSync(join(stagingDir, 'executions', name), 'utf8')) as { status?: string }).status ===
        'RUNNING',
    ).length,
    messages: filesIn(join(stagingDir, 'outbox'), '.json').length,
    keys: filesIn(join(stagingDir, 'pki'), '.pem').length,
  };
}

/**
 * `npx paraf backup <file>`: a snapshot of the data folder (take-snapshot.ts) packed into one
 * tar.gz with its manifest (archive-file.ts), written beside and renamed into place, then recorded
 * in the data folder for the health report. Run by the process that holds the folder: the running
 * Paraf (asked through its control port) or the CLI itself when Paraf is stopped.
 */
export async function backupDataFolder(
  dataDir: string,
  table: { client: DynamoDBClient; name: string; hold(): Promise<ReleaseTable> },
  file: string,
): Promise<BackupResult> {
  const target = resolve(file);
  const inside = relative(resolve(dataDir), target);
  if (!inside.startsWith('..') && !inside.startsWith(sep) && inside !== target)
    throw refused(
      `Berkas cadangan ${target} berada di dalam folder data; simpan di luar folder data (cadangan berikutnya akan ikut memuatnya).`,
    );
  if (!existsSync(dirname(target)))
    throw refused(
      `Folder ${dirname(target)} tidak ada: buat foldernya dahulu (mkdir -p), atau bila itu penyimpanan jaringan, periksa bahwa sudah terpasang.`,
    );
  if (existsSync(target) && statSync(target).isDirectory())
    throw refused(`${target} adalah folder; sebutkan nama berkas cadangan, misalnya paraf-2026-12-01.tar.gz.`);
  const snapshot = await takeSnapshot(dataDir, table);
  const partial = `${target}.${process.pid}.sementara`;
  try {
    // Made owner-only before a byte is written (tar opens it with 'w', keeping the mode): it holds the
    // CA's and every official's signing keys and the accounts, which the data folder keeps at 0700.
    closeSync(openSync(partial, 'w', 0o600));
    chmodSync(partial, 0o600);
    const createdAt = new Date().toISOString();
    const description = JSON.parse(readFileSync(join(snapshot.dir, TABLE_DESCRIPTION), 'utf8')) as {
      name: string;
      indexes: string[];
    };
    const counts = countsOf(snapshot.dir, snapshot.items);
    await packBackup(snapshot.dir, partial, {
      createdAt,
      takenAt: snapshot.takenAt,
      source: resolve(dataDir),
      layout: { table: description.name, indexes: description.indexes },
      counts,
    });
    renameSync(partial, target);
    const result: BackupResult = {
      file: target,
      bytes: statSync(target).size,
      sha256: await sha256Of(target),
      createdAt,
      takenAt: snapshot.takenAt,
      counts,
      heldMs: Math.round(snapshot.heldMs),
      linkMs: Math.round(snapshot.linkMs),
    };
    const last: LastBackup = { at: createdAt, file: target, bytes: result.bytes, sha256: result.sha256 };
    writeFileSync(join(dataDir, `${LAST_BACKUP}.tmp`), JSON.stringify(last, null, 2));
    renameSync(join(dataDir, `${LAST_BACKUP}.tmp`), join(dataDir, LAST_BACKUP));
    return result;
  } finally {
    rmSync(partial, { force: true });
    rmSync(join(dataDir, STAGING), { recursive: true, force: true });
  }
}

/** A snapshot a backup left behind when it was killed: removed at start. */
export function removeLeftoverStaging(dataDir: string): void {
  rmSync(join(dataDir, STAGING), { recursive: true, force: true });
}

export interface RestoreResult {
  folder: string;
  manifest: Manifest;
}

/**
 * `npx paraf restore <file> <folder>`: checks the whole backup first (verifyBackup: nothing is
 * written for a damaged one), then unpacks it beside the target, loads the table's items into a
 * new table of the current layout (every index this Paraf needs), and renames the folder into
 * place. The target must be empty or absent; a failure part-way removes what it wrote.
 */
export async function restoreDataFolder(
  file: string,
  folder: string,
  startStandIns: (dir: string) => Promise<{ aws: Parameters<typeof sdkClientSettings>[0]; close(): Promise<void> }>,
  tableName: string,
): Promise<RestoreResult> {
  const target = resolve(folder);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0))
    throw refused(
      `${statSync(target).isDirectory() ? `Folder ${target} tidak kosong` : `${target} adalah sebuah berkas`}; pulihkan ke folder baru atau folder kosong.`,
    );
  if (!existsSync(dirname(target)))
    throw refused(
      `Folder ${dirname(target)} tidak ada: buat foldernya dahulu (mkdir -p), lalu pulihkan ke folder baru di dalamnya.`,
    );
  const manifest = await verifyBackup(file);
  const work = `${target}.pemulihan-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { mode: 0o700 });
  try {
    await unpackBackup(file, work);
    // A later release's backup is refused here, naming the backup: its folder would be refused at
    // every start of this release (refuseNewerLayout), which could only name this scratch folder.
    const layout = layoutOf(work);
    if (layout !== undefined && layout > DATA_LAYOUT)
      throw refused(
        `Cadangan ${resolve(file)} dibuat oleh rilis Paraf yang lebih baru (susunan data versi ${layout}; rilis ini memakai versi ${DATA_LAYOUT}): pulihkan dengan rilis itu. Tidak ada yang ditulis.`,
      );
    const dump = join(work, '.tabel-cadangan');
    renameSync(join(work, 'dynamodb'), dump);
    await loadTable(join(dump, 'items.jsonl'), work, startStandIns, tableName, manifest.counts.items, file);
    rmSync(dump, { recursive: true, force: true });
    // The folder's last backup is the one it came from (its health page then judges that backup's age).
    const last: LastBackup = {
      at: manifest.createdAt,
      file: resolve(file),
      bytes: statSync(file).size,
      sha256: await sha256Of(file),
    };
    writeFileSync(join(work, LAST_BACKUP), JSON.stringify(last, null, 2));
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(work, target);
    return { folder: target, manifest };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** A dumped table loaded into a new table of this release's layout (every index), its count checked against the manifest's. */
export async function loadTable(
  dumpFile: string,
  dataDir: string,
  startStandIns: (dir: string) => Promise<{ aws: Parameters<typeof sdkClientSettings>[0]; close(): Promise<void> }>,
  tableName: string,
  expected: number,
  file: string,
): Promise<void> {
  const standIns = await startStandIns(dataDir);
  const client = new Client(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    await ensureTable(client, tableName);
    let batch: ReturnType<typeof readDumpedItem>[] = [];
    const flush = async () => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      batch = [];
      while (requests.length) {
        const { UnprocessedItems } = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    };
    for await (const line of createInterface({ input: createReadStream(dumpFile) })) {
      if (!line) continue;
      batch.push(readDumpedItem(line));
      if (batch.length === 25) await flush();
    }
    await flush();
    let count = 0;
    for await (const page of paginateScan({ client }, { TableName: tableName, Select: 'COUNT' }))
      count += page.Count ?? 0;
    if (count !== expected)
      throw backupDamaged(file, `tabel memuat ${count} catatan setelah dimuat, padahal tercatat ${expected}`);
  } finally {
    client.destroy();
    await standIns.close();
  }
}
