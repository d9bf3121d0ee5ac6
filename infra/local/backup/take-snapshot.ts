import { linkSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AttributeValue, DescribeTableCommand, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { ReleaseTable } from './table-write-hold.ts';

/** Where a backup lays out its snapshot, inside the data folder (hard links work only within one file system). */
export const STAGING = '.cadangan-sementara';
/** The file a backup records itself in, read by the health report (last backup's age). */
export const LAST_BACKUP = 'cadangan-terakhir.json';
/** The control port's address and token (control-server.ts). */
export const CONTROL_FILE = 'kendali.json';
/** The table's items in the snapshot: one item a line, as DynamoDB JSON (binary values as base64). */
export const TABLE_DUMP = 'dynamodb/items.jsonl';
export const TABLE_DESCRIPTION = 'dynamodb/table.json';

/** Never in a snapshot: the table's LevelDB files (dumped item by item instead), the lock, the control file, the staging itself, half-written files. */
function leftOut(relative: string): boolean {
  const [top] = relative.split('/');
  if (top === 'dynamodb' || top === STAGING || top === CONTROL_FILE || top === LAST_BACKUP) return true;
  // An upgrade's working folders (upgrade/upgrade-data-folder.ts): a new table being built, the old one kept.
  if (top === '.pemutakhiran' || top === '.pemutakhiran-lama') return true;
  if (top?.startsWith('paraf.pid')) return true;
  return /\.tmp$|\.paraf-partial$/.test(relative);
}

export interface Snapshot {
  /** The staging folder: the data folder's files (hard links) and the table's dump. */
  dir: string;
  takenAt: string;
  items: number;
  /** How long the table's writes were held, in milliseconds. */
  heldMs: number;
  /** How long the file links took (no other JavaScript ran meanwhile), in milliseconds. */
  linkMs: number;
}

/**
 * A consistent snapshot of a data folder while Paraf runs: the state a kill -9 at one instant would
 * leave, which every start already recovers from (the chaos and restart tests). How:
 *  1. hold the table's writes and wait for those under way to be in the table (table-write-hold.ts);
 *  2. hard-link every file of the folder (archive objects, executions, outbox, keys) into the staging
 *     folder in one synchronous pass: no JavaScript of the process runs meanwhile, so no execution
 *     file or e-mail changes halfway, and every writer of these folders writes beside and renames,
 *     so a linked file never changes afterwards (a later write replaces the name, not the file);
 *  3. dump the table item by item (Scan) while its writes are still held: it is as it was at (2);
 *  4. let the writes go.
 * An archive object the S3 stand-in had half-placed at (2) is what a kill leaves, and the next start
 * repairs it (archive-store.ts); its writer had not been answered, so nothing depends on it.
 */
export async function takeSnapshot(
  dataDir: string,
  table: { client: DynamoDBClient; name: string; hold(): Promise<ReleaseTable> },
  stagingDir = join(dataDir, STAGING, String(Date.now())),
): Promise<Snapshot> {
  mkdirSync(join(stagingDir, 'dynamodb'), { recursive: true });
  const heldFrom = performance.now();
  const release = await table.hold();
  try {
    const takenAt = new Date().toISOString();
    const linkFrom = performance.now();
    linkTree(dataDir, stagingDir, '');
    const linkMs = performance.now() - linkFrom;
    const items = await dumpTable(table.client, table.name, stagingDir);
    return { dir: stagingDir, takenAt, items, heldMs: performance.now() - heldFrom, linkMs };
  } finally {
    release();
  }
}

/** Synchronous on purpose (step 2 above). */
function linkTree(from: string, to: string, relative: string): void {
  for (const name of readdirSync(join(from, relative))) {
    const path = relative ? `${relative}/${name}` : name;
    if (leftOut(path)) continue;
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(join(from, path));
    } catch {
      continue; // removed since the listing: not in the folder at this instant
    }
    if (stat.isDirectory()) {
      mkdirSync(join(to, path), { recursive: true });
      linkTree(from, to, path);
    } else if (stat.isFile()) linkSync(join(from, path), join(to, path));
  }
}

async function dumpTable(client: DynamoDBClient, name: string, stagingDir: string): Promise<number> {
  const Table = await client.send(new DescribeTableCommand({ TableName: name })).then(
    (answer) => answer.Table,
    (error: Error) => {
      // A folder Paraf never started on has no table yet: its dump is empty.
      if (error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    },
  );
  writeFileSync(
    join(stagingDir, TABLE_DESCRIPTION),
    JSON.stringify(
      {
        name,
        keySchema: Table?.KeySchema,
        indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort(),
      },
      null,
      2,
    ),
  );
  const lines: string[] = [];
  // The low-level client's paginator: the dump keeps DynamoDB JSON as stored, which the document client would convert.
  if (Table)
    for await (const page of paginateScan({ client }, { TableName: name }))
      for (const item of page.Items ?? []) lines.push(JSON.stringify(item, binaryAsBase64));
  writeFileSync(join(stagingDir, TABLE_DUMP), lines.length ? `${lines.join('\n')}\n` : '');
  return lines.length;
}

function binaryAsBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // The value before toJSON (a Buffer's toJSON would hide that it is bytes).
  const original = this[key];
  return original instanceof Uint8Array ? { $base64: Buffer.from(original).toString('base64') } : value;
}

/** An item of the dump as the SDK takes it (binary values back to bytes). */
export function readDumpedItem(line: string): Record<string, AttributeValue> {
  return JSON.parse(line, (_key, value: unknown) =>
    value && typeof value === 'object' && '$base64' in value && Object.keys(value).length === 1
      ? Buffer.from(String((value as { $base64: string }).$base64), 'base64')
      : value,
  ) as Record<string, AttributeValue>;
}
