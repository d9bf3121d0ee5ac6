import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per sampled node, summed by file and by function, per unit of work (a permit, a search). */
export function reportProfile(
  profile: Profile,
  { count, unit, wall, cpuMs }: { count: number; unit: string; wall: number; cpuMs: number },
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
    `${count} ${unit}s: ${(wall / count).toFixed(1)} ms wall, ${(cpuMs / count).toFixed(1)} ms CPU each (the whole process: runtime, stand-ins, clerk)`,
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
