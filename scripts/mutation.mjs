/**
 * npm run mutation [-- module ...]: one Stryker run per module of stryker.config.mjs (all by
 * default), one after the other; each writes reports/mutation/<module>.json and prints its score.
 */
import { spawnSync } from 'node:child_process';
import { MODULES } from '../stryker.modules.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in MODULES));
if (unknown.length) {
  console.error(`unknown module ${unknown.join(', ')}; the modules: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length ? asked : Object.keys(MODULES)) {
  console.log(`\n=== mutation testing: ${name} (${MODULES[name].mutate.join(', ')})`);
  const run = spawnSync('npx', ['--no-install', 'stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, PARAF_MUTATION_MODULE: name },
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
