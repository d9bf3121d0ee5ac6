import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { officeClerk } from './office-clerk.ts';
import { clickThroughPermit, LinkWaiter } from './permit-driver.ts';
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

const links = new LinkWaiter(clerk, join(dataDir, 'outbox'));
const permit = () => clickThroughPermit(paraf, clerk, links, sop);

try {
  for (let i = 0; i < 2; i += 1) await permit();
  await profileWork(['permit', 'permits'], async () => {
    for (let i = 0; i < permits; i += 1) await permit();
    return permits;
  });
} finally {
  links.stop();
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}
