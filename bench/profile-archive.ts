import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { fillArchive, searchArchive } from './bench-archive.ts';
import { officeClerk } from './office-clerk.ts';
import { profileWork } from './profile-report.ts';

/**
 * Where an archive search's CPU goes (issue 21: the archive at p95 <= 25 ms over 1,000,000 permits):
 * `records` generated permits (default 100,000), then `queries` searches of each kind (default 200)
 * under the V8 CPU profiler (`npx tsx bench/profile-archive.ts [records] [queries]`). The profile is
 * the main thread's: dynalite runs on its own thread as under `npm start`, or on this one with
 * PROFILE_TABLE_THREAD=0, so that its share shows. Prints the self time per search by file and
 * function; `npm run bench` measures.
 */
const records = Number(process.argv[2] ?? 100_000);
const queries = Number(process.argv[3] ?? 200);

const dataDir = mkdtempSync(join(tmpdir(), 'paraf-profile-archive-'));
const paraf = await startLocal({ dataDir, port: 0, workers: 0, tableThread: process.env.PROFILE_TABLE_THREAD !== '0' });
try {
  const archive = await fillArchive(paraf, records);
  const clerk = await officeClerk(paraf);
  for (const query of Object.values(archive.queries)) await searchArchive(clerk, query());
  await profileWork(['search', 'searches'], async () => {
    let searches = 0;
    for (const query of Object.values(archive.queries))
      for (let i = 0; i < queries; i += 1, searches += 1) await searchArchive(clerk, query());
    return searches;
  });
} finally {
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}
