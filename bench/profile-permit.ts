import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { completeApplication } from '../scripts/clerk.ts';
import { officeClerk } from './office-clerk.ts';
import { profileWork } from './profile-report.ts';

/**
 * Where one API-U permit's CPU goes on the local runtime (issue 21: "profile and cut the overheads"):
 * every handler on the main thread, two permits to warm up, then `PERMITS` (default 3) one after the
 * other under the V8 CPU profiler. Prints the self time by file (Paraf's own, then each package) and
 * the busiest functions, and writes the whole profile beside it for Chromium's DevTools
 * (`npx tsx bench/profile-permit.ts [permits]`; the profile's path is printed). The CPU it prints
 * includes the profiler's own cost: `npm run bench` measures; this shows where the time goes.
 */
const permits = Number(process.argv[2] ?? 3);

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
  await profileWork(['permit', 'permits'], async () => {
    for (let i = 0; i < permits; i += 1) await permit();
    return permits;
  });
} finally {
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}
