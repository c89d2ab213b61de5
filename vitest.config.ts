import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/agent/test/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['packages/agent/test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // CI retries a failed test once: real processes, kill -9 and a shared Temporal on 2 cores can lose a race
    // now and then. The reporter names every test that needed it, so a flaky test is seen and fixed.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', './tests/support/retried-tests-reporter.ts'],
  },
});
