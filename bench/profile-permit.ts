import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocal } from '#local/start-local.ts';
import { completeApplication } from '../scripts/clerk.ts';
import { officeClerk } from './office-clerk.ts';

/**
 * Where one API-U permit's CPU goes on the local runtime (issue 21: "profile and cut the overheads"):
 * every handler on the main thread, two permits to warm up, then `PERMITS` (default 3) one after the
 * other under the V8 CPU profiler. Prints the self time by file (Paraf's own, then each package) and
 * the busiest functions, and writes the whole profile beside it for Chromium's DevTools
 * (`npx tsx bench/profile-permit.ts [permits]`; the profile's path is printed). The CPU it prints
 * includes the profiler's own cost: `npm run bench` measures; this shows where the time goes.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const permits = Number(process.argv[2] ?? 3);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dataDir = mkdtempSync(join(tmpdir(), 'paraf-profile-'));
const paraf = await startLocal({ dataDir, port: 0, workers: 0 });
const clerk = await officeClerk(paraf);
const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');

async function permit(): Promise<void> {
  const submitted = await clerk.submit(completeApplication(sop));
  if (submitted.status !== 201) throw new Error(JSON.stringify(submitted.body));
  const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
  for (;;) {
    const link = await Promise.race([
      clerk.nextLink(fileNumber, 120_000),
      clerk.waitForStatus(id, ['selesai', 'gagal'], 120_000).then(() => undefined),
    ]);
    if (!link) break;
    const answer = await clerk.decide(link.url, { decision: 'approve' });
    if (answer.status !== 200) throw new Error(`${fileNumber} step ${link.step}: ${JSON.stringify(answer.body)}`);
  }
  const status = (await clerk.json(`/api/cases/${id}`)).body.status;
  if (status !== 'selesai') throw new Error(`${fileNumber} ended ${String(status)}`);
}

try {
  for (let i = 0; i < 2; i += 1) await permit();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < permits; i += 1) await permit();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const file = join(tmpdir(), `paraf-permit-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  report(profile, permits, wall, (used.user + used.system) / 1000);
  console.log(`\nProfile: ${file} (open in Chromium's DevTools, Performance)`);
} finally {
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Self time per sampled node, summed by file and by function, per permit. */
function report(profile: Profile, count: number, wall: number, cpuMs: number): void {
  const selfMs = new Map<number, number>();
  for (const [i, node] of profile.samples.entries())
    selfMs.set(node, (selfMs.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const time = selfMs.get(node.id) ?? 0;
    if (!time) continue;
    const place = where(node.callFrame.url);
    byFile.set(place, (byFile.get(place) ?? 0) + time);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => `  ${(time / count).toFixed(1).padStart(8)} ms  ${name}`)
      .join('\n');
  console.log(
    `${count} permits: ${(wall / count).toFixed(0)} ms wall, ${(cpuMs / count).toFixed(0)} ms CPU each (the whole process: runtime, stand-ins, clerk)`,
  );
  console.log(`\nSelf time per permit, by file or package:\n${top(byFile, 25)}`);
  console.log(`\nSelf time per permit, by function:\n${top(byFunction, 30)}`);
}

/** A sample's place: Paraf's file, a package's name, Node's own module, or V8's bucket ("(garbage collector)"). */
function where(url: string): string {
  if (!url) return '(V8 and native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return `pkg ${inPackage[1]}`;
  if (path.startsWith(root)) return relative(root, path);
  return path;
}
