import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // The CLI tests start real `npx paraf` processes; two cores are shared with everything else.
    testTimeout: 30_000,
    // Starting a runtime and making its officials' accounts (scrypt) under that load.
    hookTimeout: 30_000,
  },
});
