import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type DemoModel, startDemoModel } from 'durable-agent';
import { HostProcess } from './host-process';
import { HostReader } from './host-reader';
import { waitFor } from './wait-for';

/** Everything the soak's runs share: the demo model, the app's host (with its embedded Temporal), the CLI's setup. */
export interface SoakEnvironment {
  readonly demo: DemoModel;
  readonly host: HostProcess;
  readonly reader: HostReader;
  readonly taskQueue: string;
  readonly temporalAddress: string;
  readonly cliDataDir: string;
  readonly cliEnvironment: NodeJS.ProcessEnv;
  /** Process faults hit shared processes: one at a time, so each is seen on its own. */
  oneFaultAtATime<T>(inject: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startSoakEnvironment(options: {
  readonly directory: string;
  readonly webMain: string;
  readonly pace: number;
}): Promise<SoakEnvironment> {
  const taskQueue = 'soak';
  const demo = await startDemoModel({ port: 0, pace: options.pace });
  const hostDataDir = path.join(options.directory, 'host');
  const cliDataDir = path.join(options.directory, 'cli');
  mkdirSync(hostDataDir, { recursive: true });
  mkdirSync(cliDataDir, { recursive: true });
  writeFileSync(
    path.join(hostDataDir, 'settings.json'),
    JSON.stringify({ modelBaseUrl: demo.baseURL, modelName: 'demo', taskQueue, approvalPolicy: 'auto' }),
  );
  const temporalPort = await freePort();
  const reader = new HostReader();
  const host = new HostProcess({
    main: options.webMain,
    dataDir: hostDataDir,
    temporalPort,
    workers: 2,
    onStarted: (api) => reader.listen(api),
  });
  await host.start();
  const ready = await waitFor(
    async () =>
      (await host.api.listWorkers()).filter((worker) => worker.status.state === 'ready').length === 2,
    120_000,
    250,
  );
  if (!ready) throw new Error(`the host's workers did not get ready: ${host.output.slice(-10).join(' | ')}`);
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  let faults: Promise<unknown> = Promise.resolve();
  return {
    demo,
    host,
    reader,
    taskQueue,
    temporalAddress,
    cliDataDir,
    cliEnvironment: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: temporalAddress,
      OPENAI_BASE_URL: demo.baseURL,
      OPENAI_MODEL: 'demo',
      DURABLE_AGENT_DATA_DIR: cliDataDir,
    },
    oneFaultAtATime<T>(inject: () => Promise<T>): Promise<T> {
      const next = faults.then(inject, inject);
      faults = next.catch(() => undefined);
      return next;
    },
    async close() {
      await host.stop();
      await demo.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
