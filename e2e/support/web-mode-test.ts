import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startWebHost, type WebHost, type WebHostOptions } from './web-host';

/** Settings written to the data folder before the host starts (the host's settings.json). */
export interface StartOptions extends Omit<WebHostOptions, 'dataDir'> {
  readonly settings?: Record<string, unknown>;
}

/** The spec's web-mode hosts: all on one fresh data folder, stopped (and the folder removed) after it. */
export interface WebMode {
  readonly dataDir: string;
  /** A task queue no other spec uses (unless the spec's settings name one). */
  readonly taskQueue: string;
  start(options?: StartOptions): Promise<WebHost>;
  /** Stops every host started so far (before the spec stops a Temporal of its own). */
  stopAll(): Promise<void>;
}

export const test = base.extend<{ webMode: WebMode }>({
  webMode: async ({ page: _page }, use, testInfo) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-e2e-'));
    const taskQueue = `e2e-${randomUUID().slice(0, 8)}`;
    const hosts: WebHost[] = [];
    await use({
      dataDir,
      taskQueue,
      async start(options = {}) {
        const { settings, ...hostOptions } = options;
        mkdirSync(dataDir, { recursive: true });
        if (hosts.length === 0) {
          writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ taskQueue, ...settings }));
        }
        const host = await startWebHost({ dataDir, ...hostOptions });
        hosts.push(host);
        return host;
      },
      async stopAll() {
        await Promise.all(hosts.map((host) => host.stop()));
      },
    });
    await Promise.all(hosts.map((host) => host.stop()));
    if (testInfo.status !== testInfo.expectedStatus) {
      hosts.forEach((host, index) => {
        void testInfo.attach(`host-${index + 1}-output`, {
          body: host.output.join('\n'),
          contentType: 'text/plain',
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
