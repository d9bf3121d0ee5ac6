import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // A ceiling, not a budget: the CLI tests start real `npx paraf` processes, and waits for the
    // runtime (scripts/clerk.ts) give up after 120 s; two cores are shared with everything else.
    testTimeout: 180_000,
    // Ceilings, not budgets: a beforeAll starting a runtime (dynalite, s3rver, the PKI) or Chromium on a loaded machine.
    hookTimeout: 120_000,
  },
});
