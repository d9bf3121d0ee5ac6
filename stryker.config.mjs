// @ts-check
/**
 * Mutation testing (StrykerJS, vitest runner) of the modules where a silent regression hurts most.
 * `npm run mutation` runs every module of MODULES in turn (scripts/mutation.mjs), one Stryker run
 * each; `npm run mutation -- clock registry` runs some. PARAF_MUTATION_MODULE picks the module of
 * this run: what is mutated, and which test files run against its mutants (vitest.stryker.config.ts
 * reads PARAF_MUTATION_TESTS, set here, in the test runner processes Stryker starts).
 * Not part of `npm test` or CI: it takes about an hour on two cores. Scores: ARCHITECTURE.md, "Mutation testing".
 */
import { MODULES } from './stryker.modules.mjs';

const name = process.env.PARAF_MUTATION_MODULE ?? '';
const module = MODULES[/** @type {keyof typeof MODULES} */ (name)];
if (!module) throw new Error(`PARAF_MUTATION_MODULE must be one of ${Object.keys(MODULES).join(', ')}`);
process.env.PARAF_MUTATION_TESTS = module.tests.join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: module.mutate,
  // Two shared cores: one test process at a time, and timeouts generous for dynalite and the signing tests.
  concurrency: 1,
  timeoutMS: 60_000,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
};
