import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // The CLI tests start real `npx paraf` processes; two cores are shared with everything else.
    testTimeout: 30_000,
    // Ceilings, not budgets: a beforeAll starting a runtime (dynalite, s3rver, the PKI) or Chromium on a loaded machine.
    hookTimeout: 120_000,
  },
});
