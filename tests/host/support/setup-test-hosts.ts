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
  /** `readyTestHost` without waiting for a worker (a host started with none, or to watch its start). */
  startTestHost(settings?: Partial<StoredSettings>, options?: Partial<HostOptions>): Promise<TestHost>;
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
    onTestFailed(() => console.log(test.output.join('\n')));
    await test.host.started;
    return test;
  };
  const startReady = async (options: Partial<HostOptions> = {}) => {
    const test = await start(options);
    await waitForReadyWorker(test.host, test.output);
    return test;
  };
  const createDataDir = (settings = testSettings()) => {
    if (directory) throw new Error('the data folder is made once a test');
    directory = temporaryDirectory(prefix);
    writeSettings(directory.path, settings);
    return directory.path;
  };
  const startTestHost = async (settings = testSettings(), options: Partial<HostOptions> = {}) => {
    if (!directory) createDataDir(settings);
    return start(options);
  };
  const readyTestHost = async (settings = testSettings(), options: Partial<HostOptions> = {}) => {
    if (!directory) createDataDir(settings);
    return startReady(options);
  };
  return {
    readyTestHost,
    startTestHost,
    readyHost: async (settings) => (await readyTestHost(settings)).host,
    async restart(host) {
      await host.close();
      hosts = hosts.filter((each) => each !== host);
      return (await startReady()).host;
    },
    dataDir,
    createDataDir,
  };
}

/** Waits until the host has a ready worker (`output`: what the host printed, for the error). */
export function waitForReadyWorker(host: Host, output: readonly string[] = []): Promise<WorkerInfo> {
  return readyWorkerWhere(host, () => true, `a ready worker (${output.join(' | ')})`);
}

/** Waits until the host has a ready worker in a process other than `pid`'s (a worker restarted). */
export function waitForWorkerReplacing(host: Host, pid: number | undefined): Promise<WorkerInfo> {
  return readyWorkerWhere(host, (worker) => worker.pid !== pid, `a ready worker other than pid ${pid}`);
}

/** Up to 90 s: worker processes start slowly under load. */
function readyWorkerWhere(
  host: Host,
  accepts: (worker: WorkerInfo) => boolean,
  description: string,
): Promise<WorkerInfo> {
  return waitUntil(
    async () =>
      ((await host.handlers.listWorkers()) as WorkerInfo[]).find(
        (worker) => worker.status.state === 'ready' && accepts(worker),
      ),
    description,
    90_000,
  );
}
