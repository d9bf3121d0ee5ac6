import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { fillArchive, searchArchive } from './bench-archive.ts';
import { officeClerk } from './office-clerk.ts';
import { type Profile, reportProfile } from './profile-report.ts';

/**
 * Where an archive search's CPU goes (issue 21: the archive at p95 <= 25 ms over 1,000,000 permits):
 * `RECORDS` generated permits (default 100,000), then `QUERIES` searches of each kind (default 200)
 * under the V8 CPU profiler, every part in this one process (`npx tsx bench/profile-archive.ts
 * [records] [queries]`). Prints the self time per search by file and function; `npm run bench` measures.
 */
const records = Number(process.argv[2] ?? 100_000);
const queries = Number(process.argv[3] ?? 200);

const dataDir = mkdtempSync(join(tmpdir(), 'paraf-profile-archive-'));
const paraf = await startLocal({ dataDir, port: 0, workers: 0, tableThread: process.env.PROFILE_TABLE_THREAD !== '0' });
try {
  const archive = await fillArchive(paraf, records);
  const clerk = await officeClerk(paraf);
  for (const query of Object.values(archive.queries)) await searchArchive(clerk, query());
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const started = performance.now();
  let searches = 0;
  for (const query of Object.values(archive.queries))
    for (let i = 0; i < queries; i += 1, searches += 1) await searchArchive(clerk, query());
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const file = join(tmpdir(), `paraf-archive-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  reportProfile(profile, { count: searches, unit: 'search', wall, cpuMs: (used.user + used.system) / 1000 });
  console.log(`\nProfile: ${file} (open in Chromium's DevTools, Performance)`);
} finally {
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}
