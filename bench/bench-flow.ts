import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { Clerk, completeApplication } from '../scripts/clerk.ts';
import { median, ms, percentile } from './measure.ts';

/**
 * One API-U permit from the counter to its archived numbered copies, every e-mailed link clicked
 * over HTTP, on the local runtime; then many permits in flight at once, against the CPU-bound
 * limit (cores / CPU-seconds per permit). The clerk runs in the same process and its CPU counts.
 */
export async function benchFlow(single: number, inFlight: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paraf-bench-flow-'));
  const paraf = await startLocal({ dataDir, port: 0 });
  const clerk = new Clerk(paraf.url);
  const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');

  /** Submits one permit and clicks through it; resolves when its copies are archived and the case is closed. */
  const permit = async () => {
    const submitted = await clerk.submit(completeApplication(sop));
    if (submitted.status !== 201) throw new Error(JSON.stringify(submitted.body));
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    for (;;) {
      const link = await clerk.nextLink(fileNumber, 100);
      if (link) {
        const answer = await clerk.decide(link.url, { decision: 'approve' });
        if (answer.status !== 200) throw new Error(`${fileNumber} step ${link.step}: ${JSON.stringify(answer.body)}`);
        continue;
      }
      const status = (await clerk.json(`/api/cases/${id}`)).body.status;
      if (status === 'selesai') return;
      if (status !== 'berjalan') throw new Error(`${fileNumber} ended ${String(status)}`);
    }
  };

  try {
    for (let i = 0; i < 3; i += 1) await permit();
    const walls: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < single; i += 1) {
      const start = performance.now();
      await permit();
      walls.push(performance.now() - start);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerPermit = (cpu.user + cpu.system) / 1e6 / single;
    console.log(
      `\nOne API-U permit, submission to archived numbered copies, 8 links clicked over HTTP (${single} runs after 3 warm-up):`,
    );
    console.log(
      `  wall median ${ms(median(walls))}   p10 ${ms(percentile(walls, 0.1))}   p90 ${ms(percentile(walls, 0.9))}   (goal <= 1500 ms)`,
    );
    console.log(`  CPU per permit ${ms(cpuPerPermit * 1000)} (runtime, stand-ins and clerk in one process)`);

    const cores = cpus().length;
    const limit = cores / cpuPerPermit;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(Array.from({ length: inFlight }, () => permit()));
    const seconds = (performance.now() - start) / 1000;
    const cpuLoad = process.cpuUsage(cpuStart);
    const throughput = inFlight / seconds;
    console.log(
      `${inFlight} API-U permits in flight at once: ${seconds.toFixed(1)} s, ${throughput.toFixed(2)} permits/s`,
    );
    console.log(
      `  CPU-bound limit ${limit.toFixed(2)} permits/s (${cores} cores / ${(cpuPerPermit * 1000).toFixed(0)} ms CPU per permit): ${((throughput / limit) * 100).toFixed(0)}% of it (goal >= 50%)`,
    );
    const loadedCpu = (cpuLoad.user + cpuLoad.system) / 1e6 / inFlight;
    console.log(
      `  CPU used under load: ${(loadedCpu * 1000).toFixed(0)} ms per permit, ${(((cpuLoad.user + cpuLoad.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core; against the limit that gives (${(cores / loadedCpu).toFixed(2)} permits/s): ${((throughput / (cores / loadedCpu)) * 100).toFixed(0)}%`,
    );
  } finally {
    await paraf.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
