import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test as base,
  type ElectronApplication,
  _electron as electron,
  expect,
  type Page,
} from '@playwright/test';
import { findElectronBinary, notRunMessage } from './electron-binary';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const screenshots = path.join(root, 'artifacts', 'screenshots');

export interface LaunchedDesktop {
  readonly app: ElectronApplication;
  /** The main window, once the app's page shows Temporal connected. */
  readonly page: Page;
}

export interface DesktopFixture {
  /** Launches the built app (out/main) on this test's data folder; a later launch reuses it. */
  launch(options?: { demoPace?: number }): Promise<LaunchedDesktop>;
  readonly dataDir: string;
}

/** Specs get `desktop`: launches of the real app, each on the test's own data folder, closed after. */
export const test = base.extend<{ desktop: DesktopFixture }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a pattern.
  desktop: async ({}, use, testInfo) => {
    if (testInfo.project.name !== 'electron') {
      throw new Error('the Electron specs run with their own config: npm run test:electron');
    }
    const binary = findElectronBinary();
    if (!binary.found) throw new Error(notRunMessage(binary.reason));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-electron-'));
    const launched: ElectronApplication[] = [];
    await use({
      dataDir,
      async launch(options = {}) {
        const app = await electron.launch({
          executablePath: binary.path,
          args: [root],
          cwd: root,
          env: {
            ...process.env,
            DURABLE_AGENT_DATA_DIR: dataDir,
            DURABLE_AGENT_TEMPORAL_ADDRESS: requireTemporalAddress(),
            ...(options.demoPace !== undefined ? { DURABLE_AGENT_DEMO_PACE: String(options.demoPace) } : {}),
          },
          timeout: 60_000,
        });
        launched.push(app);
        const page = await app.firstWindow();
        await expect(page.getByRole('region', { name: 'Temporal' }).getByText('connected')).toBeVisible({
          timeout: 60_000,
        });
        return { app, page };
      },
    });
    for (const app of launched.reverse()) await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

function requireTemporalAddress(): string {
  const address = process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error("no Temporal address: the Electron specs' global setup did not run");
  return address;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `electron-${name}.png`) });
}
