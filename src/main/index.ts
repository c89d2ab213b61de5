/**
 * The desktop app's main process, as a table of contents: one instance per data folder; the host core
 * (SQLite history, supervised worker utility processes, embedded Temporal); the app's pages on a
 * locked-down session; the typed IPC; the window. Quit waits for workers and Temporal to stop; a crash
 * leaves a Temporal server and history the next launch reuses and reconciles.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { messageOf } from 'durable-agent';
import { app, dialog, ipcMain, protocol } from 'electron';
import { appPaths } from './app-paths';
import { appSchemePrivileges } from './app-scheme';
import { AppWindows } from './app-windows';
import { DESKTOP_ENVIRONMENT, type DesktopOptions, readDesktopOptions } from './desktop-options';
import { setupGracefulQuit } from './graceful-quit';
import { registerIpc } from './ipc';
import { createLog, type Log } from './log';
import { setupHost } from './setup-host';
import { setupSecurity } from './setup-security';
import { claimSingleInstance } from './single-instance';
import { trackTemporalWebUi } from './temporal-web-ui';

let windows: AppWindows | undefined;
main();

/** Before `ready`: the app scheme, the options, the data folder, the single-instance lock. */
function main(): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  const options = readOptions();
  if (!options) {
    app.exit(2);
    return;
  }
  setupDataFolder(options);
  if (!claimSingleInstance(app, () => windows?.focus())) {
    app.quit();
    return;
  }
  app
    .whenReady()
    .then(() => start(options))
    .catch(fail);
}

/** After `ready`: the host, quit, security, the window registry, IPC, then the window. */
async function start(options: DesktopOptions): Promise<void> {
  const dataDir = app.getPath('userData');
  const log = createLog(path.join(dataDir, 'logs'));
  const paths = appPaths(
    import.meta.dirname,
    app.isPackaged ? { resourcesPath: process.resourcesPath } : undefined,
  );
  log(`starting; data folder: ${dataDir}`);
  setupDevelopmentTemporalCli(paths.fetchedTemporalCli, log);

  const desktop = await setupHost({ dataDir, workerEntry: paths.workerEntry, options, log });
  setupGracefulQuit({ app, close: () => desktop.close(), log });
  const security = setupSecurity({ rendererDir: paths.rendererDir, devServerUrl: devServerUrl(), log });
  const temporalWebUiUrl = trackTemporalWebUi(desktop.host);
  const appWindows = new AppWindows({
    preload: paths.preload,
    icon: paths.icon,
    url: security.entryUrl,
    navigation: () => ({ appOrigins: security.appOrigins, temporalWebUiUrl: temporalWebUiUrl() }),
    devTools: !app.isPackaged,
    log,
  });
  windows = appWindows;
  registerIpc({
    ipcMain,
    host: desktop.host,
    trustedSenders: () => ({ webContentsIds: appWindows.webContentsIds(), appOrigins: security.appOrigins }),
    eventTargets: () => appWindows.eventTargets(),
    log,
  });
  setupWindowLifecycle(appWindows, log);
  appWindows.open();
}

/** macOS keeps the app in the dock with no window; elsewhere closing the last window quits. */
function setupWindowLifecycle(appWindows: AppWindows, log: Log): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
    else log('last window closed; still running in the dock');
  });
  app.on('activate', () => {
    if (appWindows.count === 0) appWindows.open();
  });
}

/**
 * In a checkout, the Temporal CLI fetched for packaging is used too, unless TEMPORAL_CLI_PATH names
 * one (an installed app finds its own in `<resources>/bin`).
 */
function setupDevelopmentTemporalCli(fetched: string | undefined, log: Log): void {
  if (!fetched || process.env.TEMPORAL_CLI_PATH || !existsSync(fetched)) return;
  process.env.TEMPORAL_CLI_PATH = fetched;
  log(`Temporal CLI: ${fetched}`);
}

/** `DURABLE_AGENT_DATA_DIR` moves everything the app keeps (history, Temporal's db, Chromium's profile). */
function setupDataFolder(desktopOptions: DesktopOptions): void {
  if (desktopOptions.dataDir) app.setPath('userData', desktopOptions.dataDir);
}

/** Undefined (after telling the user) when a `DURABLE_AGENT_*` variable is invalid. */
function readOptions(): DesktopOptions | undefined {
  try {
    return readDesktopOptions(process.env);
  } catch (error) {
    const message = messageOf(error);
    console.error(`Durable Agent: ${message}`);
    dialog.showErrorBox('Durable Agent', `${message}\n\nSettings by environment:\n${DESKTOP_ENVIRONMENT}`);
    return undefined;
  }
}

/** The renderer's dev server (`electron-vite dev`); never for a packaged app. */
function devServerUrl(): string | undefined {
  return app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
}

function fail(error: unknown): void {
  const message = messageOf(error);
  console.error(`Durable Agent could not start: ${message}`);
  dialog.showErrorBox('Durable Agent could not start', message);
  app.exit(1);
}
