import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { DATA_LAYOUT, LAYOUT_FILE, layoutOf, UPGRADE_JOURNAL } from './data-layout.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { INDEXES } from '#records/table.ts';
import { backupDataFolder, loadTable } from '../backup/backup.ts';
import { unpackBackup, verifyBackup } from '../backup/archive-file.ts';

/**
 * An older data folder brought to this release's layout at `npm start`, after a backup, so that an
 * upgrade of Paraf never strands an office's cases, numbers and archive.
 *
 * The layouts (the number is written in `susunan-data.json`):
 *   1  every folder made before this file existed: the table (pk/sk and the indexes of its release),
 *      s3/ (the archive), executions/, outbox/, pki/.
 *   2  the same, recorded: the table has every index of INDEXES.
 * What dynalite cannot alter in place is rebuilt: a table that lacks an index this release queries
 * (dynalite's UpdateTable cannot create one) is loaded item by item into a new table with every
 * index, from the backup just made, and put in the old one's place.
 *
 * Steps, each recorded in `pemutakhiran.json` before it starts, so that a kill -9 at any moment is
 * finished by the next start (steps are idempotent; nothing of the old folder is removed before the
 * new table is in place):
 *   1. backup    the whole folder to <folder>.cadangan/sebelum-pemutakhiran-<time>.tar.gz (verified);
 *   2. rebuild   (only when an index is missing) the table from that backup in .pemutakhiran/;
 *   3. swap      dynamodb/ to .pemutakhiran-lama/, the new table into dynamodb/;
 *   4. record    the layout; the journal and the old table removed.
 */
export { DATA_LAYOUT, LAYOUT_FILE, layoutOf, UPGRADE_JOURNAL };
/** Where the rebuilt table is made, and where the old one waits until the new one is in place. */
export const UPGRADE_WORK = '.pemutakhiran';
export const UPGRADE_OLD = '.pemutakhiran-lama';

type Phase = 'backup' | 'rebuild' | 'swap';
interface Journal {
  phase: Phase;
  from: number;
  backup: string;
  rebuild: boolean;
}

export interface UpgradeReport {
  from: number;
  to: number;
  backup: string;
  rebuiltTable: boolean;
  /** The upgrade was the rest of one a kill had cut off. */
  resumed: boolean;
}

type StartStandIns = (dir: string) => Promise<{
  aws: Parameters<typeof sdkClientSettings>[0];
  holdTableWrites(): Promise<() => void>;
  close(): Promise<void>;
}>;

function writeAtomically(path: string, value: unknown) {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/**
 * A folder a later release has brought to its layout is not opened by this one: this release would
 * write records and files in the shape it knows into a table and folders shaped otherwise (after a
 * rollback to the release before an upgrade, say). It stops before anything is written, naming the way
 * back: the later release, or the backup the upgrade took before it began.
 */
export function refuseNewerLayout(dataDir: string): void {
  const layout = layoutOf(dataDir);
  if (layout === undefined || layout <= DATA_LAYOUT) return;
  throw new ParafError(
    'bad-setting',
    `Folder data ${dataDir} bersusunan versi ${layout}, buatan rilis Paraf yang lebih baru; rilis ini memakai susunan versi ${DATA_LAYOUT} dan tidak membukanya agar tidak ada yang tertulis dalam bentuk yang keliru. Jalankan rilis yang memutakhirkannya, atau pulihkan cadangan sebelum pemutakhiran (${basename(dataDir)}.cadangan/sebelum-pemutakhiran-….tar.gz di samping folder itu) ke folder baru dengan npx paraf restore.`,
  );
}

/**
 * A folder whose table this release is about to make is at this release's layout: recorded by
 * whoever first opens it (npm start, the CLI's staf, backup or doctor, a restore), so that it is not
 * taken for an earlier release's folder later.
 */
export function recordLayoutOfNewFolder(dataDir: string): void {
  if (existsSync(join(dataDir, 'dynamodb')) || existsSync(join(dataDir, LAYOUT_FILE))) return;
  mkdirSync(dataDir, { recursive: true });
  writeAtomically(join(dataDir, LAYOUT_FILE), { versi: DATA_LAYOUT, dibuat: new Date().toISOString() });
}

const readJournal = (dataDir: string): Journal | undefined => {
  try {
    return JSON.parse(readFileSync(join(dataDir, UPGRADE_JOURNAL), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
};

/** The indexes this release needs that the folder's table lacks (none when the table is not there yet). */
async function missingIndexes(dataDir: string, startStandIns: StartStandIns, table: string): Promise<string[]> {
  const standIns = await startStandIns(dataDir);
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    return INDEXES.filter((index) => !have.has(index.name)).map((index) => index.name);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  } finally {
    client.destroy();
    await standIns.close();
  }
}

/**
 * Brings the folder to DATA_LAYOUT (see above); undefined when it already is, or is new. `say`
 * tells the console each step, in Bahasa Indonesia, before it starts.
 */
export async function upgradeDataFolder(
  dataDir: string,
  startStandIns: StartStandIns,
  table: string,
  say: (line: string) => void = () => {},
): Promise<UpgradeReport | undefined> {
  const interrupted = readJournal(dataDir);
  if (interrupted)
    say(`Pemutakhiran folder data yang terputus dilanjutkan (langkah: ${PHASE_WORDS[interrupted.phase]}).`);
  const journal = interrupted ?? (await startUpgrade(dataDir, startStandIns, table, say));
  if (!journal) return undefined;
  const record = (phase: Phase) => writeAtomically(join(dataDir, UPGRADE_JOURNAL), { ...journal, phase });

  if (journal.phase === 'backup') {
    record('backup');
    await backUpBeforeUpgrade(dataDir, startStandIns, table, journal.backup, say);
    journal.phase = journal.rebuild ? 'rebuild' : 'swap';
  }
  if (journal.phase === 'rebuild') {
    record('rebuild');
    say('Langkah 2: tabel dibangun ulang dari cadangan dengan semua indeks versi ini.');
    await rebuildTable(dataDir, journal.backup, startStandIns, table);
    journal.phase = 'swap';
  }
  record('swap');
  if (journal.rebuild) {
    say('Langkah 3: tabel baru dipasang menggantikan tabel lama.');
    swapTable(dataDir);
  }
  writeAtomically(join(dataDir, LAYOUT_FILE), {
    versi: DATA_LAYOUT,
    dimutakhirkan: new Date().toISOString(),
    dari: journal.from,
    cadangan: journal.backup,
  });
  rmSync(join(dataDir, UPGRADE_OLD), { recursive: true, force: true });
  rmSync(join(dataDir, UPGRADE_JOURNAL), { force: true });
  say(`Pemutakhiran selesai. Cadangan sebelum pemutakhiran: ${journal.backup}`);
  return {
    from: journal.from,
    to: DATA_LAYOUT,
    backup: journal.backup,
    rebuiltTable: journal.rebuild,
    resumed: !!interrupted,
  };
}

/** The journal of an upgrade that starts now; undefined when the folder is at DATA_LAYOUT already, or is new. */
async function startUpgrade(
  dataDir: string,
  startStandIns: StartStandIns,
  table: string,
  say: (line: string) => void,
): Promise<Journal | undefined> {
  const layout = layoutOf(dataDir);
  if (layout === undefined) {
    recordLayoutOfNewFolder(dataDir);
    return undefined;
  }
  // A folder at this layout has every index (it is recorded only after a rebuild, or for a table this
  // release made): no second start of the stores at every npm start to ask; ensureTable still guards.
  if (layout >= DATA_LAYOUT) return undefined;
  const missing = await missingIndexes(dataDir, startStandIns, table);
  const journal: Journal = {
    phase: 'backup',
    from: layout,
    backup: upgradeBackupFile(dataDir),
    rebuild: missing.length > 0,
  };
  say(
    `Folder data ini bersusunan versi ${journal.from}; dimutakhirkan ke versi ${DATA_LAYOUT}${missing.length ? ` (tabel dibangun ulang: indeks ${missing.join(', ')} belum ada)` : ''}.`,
  );
  return journal;
}

const PHASE_WORDS: Record<Phase, string> = {
  backup: 'pencadangan',
  rebuild: 'pembangunan ulang tabel',
  swap: 'penggantian tabel',
};

/** Beside the data folder, never inside it (a backup refuses a file inside the folder it backs up). */
function upgradeBackupFile(dataDir: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dirname(dataDir), `${basename(dataDir)}.cadangan`, `sebelum-pemutakhiran-${stamp}.tar.gz`);
}

/** Step 1: the whole folder as `npx paraf backup` takes it; a backup a kill cut off is taken again. */
async function backUpBeforeUpgrade(
  dataDir: string,
  startStandIns: StartStandIns,
  table: string,
  file: string,
  say: (line: string) => void,
) {
  if (existsSync(file)) {
    // Complete when the kill came after its rename; verified like any backup before it is relied on.
    try {
      await verifyBackup(file);
      return;
    } catch {
      rmSync(file, { force: true });
    }
  }
  say(`Langkah 1: folder data dicadangkan ke ${file}.`);
  mkdirSync(dirname(file), { recursive: true });
  const standIns = await startStandIns(dataDir);
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    await backupDataFolder(dataDir, { client, name: table, hold: standIns.holdTableWrites }, file);
  } finally {
    client.destroy();
    await standIns.close();
  }
}

/** Step 2: the backup's items loaded into a new table of this release's layout, in .pemutakhiran/, from scratch. */
async function rebuildTable(dataDir: string, backup: string, startStandIns: StartStandIns, table: string) {
  const work = join(dataDir, UPGRADE_WORK);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const unpacked = join(work, 'cadangan');
  mkdirSync(unpacked);
  const manifest = await verifyBackup(backup);
  await unpackBackup(backup, unpacked);
  const built = join(work, 'baru');
  mkdirSync(built);
  await loadTable(
    join(unpacked, 'dynamodb', 'items.jsonl'),
    built,
    startStandIns,
    table,
    manifest.counts.items,
    backup,
  );
  rmSync(unpacked, { recursive: true, force: true });
}

/**
 * Step 3: two renames, each skipped when a kill came after it; the old table is kept in
 * .pemutakhiran-lama/ until the layout is recorded.
 */
function swapTable(dataDir: string) {
  const table = join(dataDir, 'dynamodb');
  const built = join(dataDir, UPGRADE_WORK, 'baru', 'dynamodb');
  const old = join(dataDir, UPGRADE_OLD);
  mkdirSync(old, { recursive: true });
  if (existsSync(built) && existsSync(table)) renameSync(table, join(old, 'dynamodb'));
  if (existsSync(built)) renameSync(built, table);
  if (!existsSync(table)) throw new Error(`pemutakhiran: tabel baru tidak ada di ${built}`);
  rmSync(join(dataDir, UPGRADE_WORK), { recursive: true, force: true });
}
