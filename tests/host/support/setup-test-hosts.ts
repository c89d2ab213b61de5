import { afterEach, onTestFailed } from 'vitest';
import type { Host, HostOptions } from '../../../src/host/host';
import type { StoredSettings } from '../../../src/host/settings/settings-store';
import type { WorkerInfo } from '../../../src/shared/models';
import { temporaryDirectory } from './temporary-directory';
import { createTestHost, type TestHost, testSettings, writeSettings } from './test-host';
import { waitUntil } from './wait-until';

/** A test's hosts, on one data folder of its own. */
export interface TestHosts {
  /** Starts a host on the test's data folder (made on first use, with `settings`) and waits for a ready worker. */
  readyHost(settings?: Partial<StoredSettings>): Promise<Host>;
  /** `readyHost` with options of the host, and what it printed and emitted. */
  readyTestHost(settings?: Partial<StoredSettings>, options?: Partial<HostOptions>): Promise<TestHost>;
  /** Closes `host` and starts a ready one on the same data folder: the app restarted. */
  restart(host: Host): Promise<Host>;
  /** The test's data folder (once `readyHost` or `createDataDir` made it). */
  dataDir(): string;
  /** Makes the test's data folder with `settings` before a host starts, for files it should find there. */
  createDataDir(settings?: Partial<StoredSettings>): string;
}

/**
 * Call once at the top of a host test file: after each test, every host it started is closed and its data
 * folder removed; when a test fails, what its hosts printed is shown.
 */
export function setupTestHosts(prefix: string): TestHosts {
  let directory: ReturnType<typeof temporaryDirectory> | undefined;
  let hosts: Host[] = [];
  afterEach(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    hosts = [];
    directory?.remove();
    directory = undefined;
  });
  const dataDir = () => {
    if (!directory) throw new Error('start a host first: the data folder is made with its settings');
    return directory.path;
  };
  const start = async (options: Partial<HostOptions> = {}) => {
    const test = await createTestHost(dataDir(), options);
    hosts.push(test.host);
    await test.host.started;
    await waitForReadyWorker(test.host, test.output);
    onTestFailed(() => console.log(test.output.join('\n')));
    return test;
  };
  const createDataDir = (settings = testSettings()) => {
    if (directory) throw new Error('the data folder is made once a test');
    directory = temporaryDirectory(prefix);
    writeSettings(directory.path, settings);
    return directory.path;
  };
  const readyTestHost = async (settings = testSettings(), options: Partial<HostOptions> = {}) => {
    if (!directory) createDataDir(settings);
    return start(options);
  };
  return {
    readyTestHost,
    readyHost: async (settings) => (await readyTestHost(settings)).host,
    async restart(host) {
      await host.close();
      hosts = hosts.filter((each) => each !== host);
      return (await start()).host;
    },
    dataDir,
    createDataDir,
  };
}

/** Waits (up to 90 s: worker processes start slowly under load) until the host has a ready worker. */
export async function waitForReadyWorker(host: Host, output: readonly string[] = []): Promise<WorkerInfo> {
  return waitUntil(
    async () =>
      ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
    `a ready worker (${output.join(' | ')})`,
    90_000,
  );
}
