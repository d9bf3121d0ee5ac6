import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { officeClerk } from './office-clerk.ts';
import { median, ms, percentile } from './measure.ts';
import { busyRefusals, clickThroughPermit, LinkWaiter } from './permit-driver.ts';
import { throughputChart, type ChartSeries } from './throughput-chart.ts';

/** Where the chart goes: beside BENCHMARKS.md, which links it. */
const CHART = new URL('../benchmarks-flow-throughput.svg', import.meta.url);

interface LevelResult {
  inFlight: number;
  seconds: number;
  throughput: number;
  cpuPerPermit: number;
  /** The process's CPU over the run's wall time, in cores (1 = one core busy all the time). */
  cores: number;
  /** The main thread's CPU and the busiest other threads', each as a share of one core. */
  threads: { main: number; others: number[] };
  load: [number, number];
}

/**
 * One API-U permit from the counter to its archived numbered copies, every e-mailed link clicked
 * over HTTP, on the local runtime; then many permits in flight at once, against the CPU-bound
 * limit (cores / CPU-seconds per permit). The clerk runs in the same process and its CPU counts.
 * Each worker-thread setting (`workerSettings`: 0 = every handler on the main thread, the runtime
 * before issue 21) runs on its own fresh data folder, one after the other in the same run; the
 * throughput at each number in flight goes into an SVG chart beside BENCHMARKS.md.
 */
export async function benchFlow(single: number, levels: number[], settings: RuntimeSetting[]): Promise<void> {
  const cores = availableParallelism();
  const series: ChartSeries[] = settings.map((setting) => ({ label: settingLabel(setting), points: [] }));
  // Level by level, each setting on a fresh data folder right after the other: the machine's load
  // changes by the minute, and a pair measured side by side shares it. The single permits once, first.
  for (const [index, inFlight] of levels.entries()) {
    for (const [i, setting] of settings.entries()) {
      const [result] = await benchSetting(index === 0 ? single : 0, [inFlight], setting, cores);
      series[i]!.points.push({ x: inFlight, y: result!.throughput });
      // Rewritten after each level, so a run cut short still leaves what it measured.
      writeChart(series, cores);
    }
  }
  console.log(`\nChart written: ${CHART.pathname}`);
}

function writeChart(series: ChartSeries[], cores: number): void {
  writeFileSync(
    CHART,
    throughputChart({
      title: `API-U permits per second against permits in flight (${new Date().toISOString().slice(0, 10)}, ${cores} cores)`,
      xLabel: 'permits in flight',
      yLabel: 'permits/s',
      series,
    }),
  );
}

/**
 * How the local runtime is started: its handler pool's worker threads (0: every handler on the main
 * thread) and whether dynalite has a thread of its own. Written `2t` for two workers and the table's
 * thread, `0` for neither (the runtime before issue 21).
 */
export interface RuntimeSetting {
  workers: number;
  tableThread: boolean;
}

export function readRuntimeSetting(text: string): RuntimeSetting {
  const match = /^(\d+)(t?)$/.exec(text.trim());
  if (!match) throw new Error(`a runtime setting is a worker count, with t for the table's thread: not "${text}"`);
  return { workers: Number(match[1]), tableThread: match[2] === 't' };
}

function settingLabel({ workers, tableThread }: RuntimeSetting): string {
  const pool = workers ? `${workers} worker threads` : 'every handler on the main thread';
  return `${pool}, dynalite ${tableThread ? 'on its own thread' : 'on the main thread'}`;
}

/** The CPU-bound limit of each setting, from its single permits (cores / CPU per permit). */
const limits = new Map<string, number>();

async function benchSetting(
  single: number,
  levels: number[],
  setting: RuntimeSetting,
  cores: number,
): Promise<LevelResult[]> {
  const { workers, tableThread } = setting;
  const label = settingLabel(setting);
  const dataDir = mkdtempSync(join(tmpdir(), 'paraf-bench-flow-'));
  const paraf = await startLocal({ dataDir, port: 0, workers, tableThread });
  const clerk = await officeClerk(paraf);
  const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');

  const links = new LinkWaiter(clerk, join(dataDir, 'outbox'));

  const permit = () => clickThroughPermit(paraf, clerk, links, sop);

  try {
    console.log(`\n== ${label} ==`);
    // Every worker loads the handlers and builds its fonts once: warmed by as many permits at once as there are workers.
    await Promise.all(Array.from({ length: Math.max(1, workers) }, () => permit()));
    if (single > 0) {
      for (let i = 0; i < 2; i += 1) await permit();
      const walls: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < single; i += 1) {
        const start = performance.now();
        await permit();
        walls.push(performance.now() - start);
      }
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerPermit = (cpu.user + cpu.system) / 1e6 / single;
      limits.set(label, cores / cpuPerPermit);
      console.log(
        `One API-U permit, submission to archived numbered copies, 8 links clicked over HTTP (${single} runs):`,
      );
      console.log(
        `  wall median ${ms(median(walls))}   p10 ${ms(percentile(walls, 0.1))}   p90 ${ms(percentile(walls, 0.9))}   (goal <= 1500 ms)`,
      );
      console.log(`  CPU per permit ${ms(cpuPerPermit * 1000)} (runtime, stand-ins and clerk in one process)`);
      console.log(`  CPU-bound limit ${limits.get(label)!.toFixed(2)} permits/s (${cores} cores / CPU per permit)`);
    }
    const limit = limits.get(label) ?? Number.NaN;

    const results: LevelResult[] = [];
    for (const inFlight of levels) {
      const load0 = loadavg()[0]!;
      const threads0 = threadTicks();
      const cpuStart = process.cpuUsage();
      const busyBefore = busyRefusals.count;
      const start = performance.now();
      await Promise.all(Array.from({ length: inFlight }, () => permit()));
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpuStart);
      const threads = threadShares(threads0, threadTicks(), seconds);
      const cpuSeconds = (used.user + used.system) / 1e6;
      const result: LevelResult = {
        inFlight,
        seconds,
        throughput: inFlight / seconds,
        cpuPerPermit: cpuSeconds / inFlight,
        cores: cpuSeconds / seconds,
        threads,
        load: [load0, loadavg()[0]!],
      };
      results.push(result);
      console.log(
        `${String(inFlight).padStart(3)} in flight: ${seconds.toFixed(1)} s, ${result.throughput.toFixed(2)} permits/s (${((result.throughput / limit) * 100).toFixed(0)}% of the limit), CPU ${(result.cpuPerPermit * 1000).toFixed(0)} ms per permit, ${(result.cores * 100).toFixed(0)}% of one core in all; main thread ${(threads.main * 100).toFixed(0)}%, busiest others ${threads.others.map((t) => `${(t * 100).toFixed(0)}%`).join(', ')}; load average ${result.load[0].toFixed(1)} -> ${result.load[1].toFixed(1)}${busyRefusals.count > busyBefore ? `; ${busyRefusals.count - busyBefore} approvals refused as busy (one official's sixth code at once) and sent again a second later` : ''}`,
      );
    }
    return results;
  } finally {
    links.stop();
    await paraf.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU clock ticks of each thread of this process (Linux /proc; none elsewhere). */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      // utime and stime are fields 14 and 15; the name in parentheses may hold spaces, so count after it.
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    // Not Linux: the per-thread figures are left out.
  }
  return ticks;
}

/** Each thread's CPU over a run as a share of one core (ticks are 1/100 s on Linux): the main thread's and the three busiest others'. */
function threadShares(before: Map<string, number>, after: Map<string, number>, seconds: number) {
  const share = (tid: string) => ((after.get(tid) ?? 0) - (before.get(tid) ?? 0)) / 100 / seconds;
  const main = String(process.pid);
  const others = [...after.keys()]
    .filter((tid) => tid !== main)
    .map(share)
    .sort((a, b) => b - a)
    .slice(0, 3);
  return { main: share(main), others };
}
