import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { unpackBackup, verifyBackup } from '#local/backup/archive-file.ts';
import { TABLE_DUMP } from '#local/backup/take-snapshot.ts';

/**
 * The whole stored state of a Paraf running in another process (`npm start`), which the test cannot
 * scan itself: its own consistent backup (`paraf backup`, through the running Paraf's control port)
 * holds every item of the table (compared one by one) and lists every other file of the data folder
 * with its SHA-256: every archived object, outbox message and execution file. Equal before and after means nothing changed.
 */
export async function backedUpState(checkout: string, dataDir: string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'paraf-keadaan-'));
  try {
    const file = join(work, 'keadaan.tar.gz');
    // Asynchronously: the ceiling below is the test's, and the other process does the work.
    const run = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        process.execPath,
        ['bin/paraf.mjs', 'backup', file, '--data', dataDir],
        { cwd: checkout, encoding: 'utf8' },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      ),
    );
    expect(run.code, run.output).toBe(0);
    const manifest = await verifyBackup(file);
    // The table's items one by one, so a difference names the item.
    mkdirSync(join(work, 'isi'));
    await unpackBackup(file, join(work, 'isi'));
    const items = readFileSync(join(work, 'isi', TABLE_DUMP), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap(withoutDigests);
    return [
      ...manifest.files.filter((entry) => entry.path !== TABLE_DUMP).map((entry) => `${entry.path} ${entry.sha256}`),
      ...items.map((item) => `item ${item}`),
    ].sort();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The backed-up state once nothing moves (two backups in a row equal): a decision's workflow goes on
 * after its answer. A ceiling, not a sleep: a Paraf that never stops writing fails here.
 */
export async function quietBackedUpState(checkout: string, dataDir: string, ceilingMs = 120_000): Promise<string[]> {
  const until = Date.now() + ceilingMs;
  let before = await backedUpState(checkout, dataDir);
  for (;;) {
    const now = await backedUpState(checkout, dataDir);
    if (JSON.stringify(now) === JSON.stringify(before)) return now;
    if (Date.now() > until) throw new Error(`the backed-up state kept changing for ${ceilingMs} ms`);
    before = now;
  }
}

/**
 * A dumped item as a test compares it: the dashboard's digests are derived from the ledger by the
 * runtime's minute sweep on its own clock (ledger-digests.ts), so a digest made while a test looks
 * is not a change a request made. The parts' versions stay: a write of the ledger bumps them.
 */
function withoutDigests(line: string): string[] {
  const item = JSON.parse(line) as Record<string, { S?: string }>;
  const sortKey = item.sk?.S ?? '';
  if (sortKey.startsWith('DIGEST#')) return [];
  if (sortKey !== 'VERSIONS') return [line];
  const { digested: _madeBySweep, ...kept } = item;
  return [JSON.stringify(kept)];
}
