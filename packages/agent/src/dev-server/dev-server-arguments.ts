/** Log levels `temporal server start-dev` accepts (besides `never`). */
export type TemporalLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything that decides the command line of `temporal server start-dev`. */
export interface DevServerLaunch {
  readonly ip: string;
  readonly port: number;
  /** The Web UI port; `undefined` runs headless. */
  readonly uiPort: number | undefined;
  readonly namespace: string;
  readonly logLevel: TemporalLogLevel;
  /** Persistent SQLite file; `undefined` keeps everything in memory. */
  readonly dbFile: string | undefined;
}

/**
 * Dynamic config we set on every dev server (values are JSON): one partition per task queue, so that a
 * task queue's pollers (the worker check of DESIGN.md decision 5) are visible at once and no task waits
 * on a partition nobody polls; eager activities, so that the workflow task that schedules a model call
 * hands it straight to its worker, without a trip through the task queue (~100 ms of the first token
 * with 50 runs starting together); and timers that fire within 100 ms of their time instead of up to a
 * second late (the server's default), which put at least a second between a lost worker's heartbeat
 * timeout and the retry (bench/README.md). The size warnings start where the errors do (2 MB): a run
 * records its events in its memo and history, and the default warning limits (2 KB for a memo) made the
 * server warn at every answer longer than a paragraph. docs/deploy.md says how to set them on other
 * servers. The CLI's own defaults (search attributes visible at once) stay in force.
 */
export const devServerDynamicConfig: Readonly<Record<string, string>> = {
  'matching.numTaskqueueReadPartitions': '1',
  'matching.numTaskqueueWritePartitions': '1',
  'system.enableActivityEagerExecution': 'true',
  'history.timerProcessorMaxTimeShift': '"100ms"',
  'limit.blobSize.warn': String(2 * 1024 * 1024),
  'limit.memoSize.warn': String(2 * 1024 * 1024),
};

/** The arguments after the binary: `server start-dev --ip … --port … …` (Temporal CLI v1.4–1.5). */
export function devServerArguments(launch: DevServerLaunch): string[] {
  const args = ['server', 'start-dev', '--ip', launch.ip, '--port', String(launch.port)];
  if (launch.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(launch.uiPort));
  // `default` always exists; naming it again would register it twice.
  if (launch.namespace !== 'default') args.push('--namespace', launch.namespace);
  args.push('--log-level', launch.logLevel);
  if (launch.dbFile !== undefined) args.push('--db-filename', launch.dbFile);
  for (const [key, value] of Object.entries(devServerDynamicConfig)) {
    args.push('--dynamic-config-value', `${key}=${value}`);
  }
  return args;
}
