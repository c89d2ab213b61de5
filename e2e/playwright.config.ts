import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the UI against web mode (`out/web/main.js` serving `out/renderer`), in Debian's
 * Chromium. One Temporal dev server for the run (global setup); each spec starts its own host process
 * with a fresh data folder. Serial: every spec runs a host, workers and the demo model on 2 cores.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // e2e/electron/ holds the desktop shell's specs (real Electron), run by their own config.
  testIgnore: ['electron/**'],
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  // CI retries a failed spec once; Playwright's summary lists it as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: '../test-results/e2e',
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.DURABLE_AGENT_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
