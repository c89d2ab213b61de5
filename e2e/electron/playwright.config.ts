import { defineConfig } from '@playwright/test';

/**
 * End-to-end specs of the desktop app in real Electron (Playwright `_electron`): `npm run test:electron`
 * (which first checks that the Electron binary exists and builds the app). One Temporal dev server for
 * the run; each launch gets a fresh data folder. Serial: each spec runs the app, its workers and the
 * demo model.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  outputDir: '../../test-results/electron',
  reporter: [['list']],
  projects: [{ name: 'electron' }],
});
