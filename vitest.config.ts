import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/agent/test/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['packages/agent/test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
