import path from 'node:path';

/** Files the main process loads, relative to the built `out/main/index.js`. */
export interface AppPaths {
  readonly preload: string;
  readonly rendererDir: string;
  readonly workerEntry: string;
  readonly icon: string;
  /** A checkout only: where `node scripts/fetch-temporal-cli.cjs` puts this machine's Temporal CLI. */
  readonly fetchedTemporalCli: string | undefined;
}

const BUILDER_OS: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'mac', win32: 'win' };

/**
 * `mainDir`: the folder of the built main entry (`out/main`, inside `app.asar` when packaged).
 * The icon is an extra resource of the installed app, `resources/icon.png` of a checkout.
 */
export function appPaths(mainDir: string, packaged: { resourcesPath: string } | undefined): AppPaths {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: path.join(mainDir, '..', 'renderer'),
    workerEntry: path.join(mainDir, 'worker.js'),
    icon: packaged
      ? path.join(packaged.resourcesPath, 'icon.png')
      : path.join(mainDir, '..', '..', 'resources', 'icon.png'),
    fetchedTemporalCli: packaged
      ? undefined
      : path.join(
          mainDir,
          '..',
          '..',
          'resources',
          'bin',
          `${BUILDER_OS[process.platform] ?? process.platform}-${process.arch}`,
          process.platform === 'win32' ? 'temporal.exe' : 'temporal',
        ),
  };
}
