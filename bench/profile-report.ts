import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

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

/**
 * Runs `work` under the V8 CPU profiler, then prints where its CPU went per unit of work (`work`
 * answers how many units it did) and writes the whole profile for Chromium's DevTools.
 */
export async function profileWork(
  [unit, units]: [one: string, many: string],
  work: () => Promise<number>,
): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const count = await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const file = join(tmpdir(), `paraf-${unit}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  reportProfile(profile, { count, unit, units, wall, cpuMs: (used.user + used.system) / 1000 });
  console.log(`\nProfile: ${file} (open in Chromium's DevTools, Performance)`);
}

/** Self time per sampled node, summed by file and by function, per unit of work (a permit, a search). */
function reportProfile(
  profile: Profile,
  { count, unit, units, wall, cpuMs }: { count: number; unit: string; units: string; wall: number; cpuMs: number },
): void {
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
      .map(([name, time]) => `  ${(time / count).toFixed(2).padStart(8)} ms  ${name}`)
      .join('\n');
  console.log(
    `${count} ${units}: ${(wall / count).toFixed(1)} ms wall, ${(cpuMs / count).toFixed(1)} ms CPU each (the whole process: runtime, stand-ins, clerk)`,
  );
  console.log(`\nSelf time per ${unit}, by file or package:\n${top(byFile, 25)}`);
  console.log(`\nSelf time per ${unit}, by function:\n${top(byFunction, 30)}`);
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
