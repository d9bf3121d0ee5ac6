import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against a module's mutants (stryker.config.mjs sets PARAF_MUTATION_TESTS to
 * the module's test files): the fast ones that drive the module through its real parts (dynalite,
 * the local PKI, pdf-lib). Left out, by name: tests whose work is done by another process (`npx
 * paraf`, a second `node`), where a mutant is never active, so they only cost time.
 */
const files = (process.env.PARAF_MUTATION_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: files.map((file) => `test/${file}.test.ts`),
    testNamePattern: /^(?!.*(two processes|exits non-zero on an unsigned update)).*$/,
    // The registry's concurrency test runs for every mutant it covers: 100 requests instead of 1000.
    env: { PARAF_TEST_CONCURRENT: '100' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
