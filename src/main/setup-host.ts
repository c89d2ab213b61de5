import { messageOf } from 'durable-agent';
import { safeStorage, utilityProcess } from 'electron';
import { createHost, type Host } from '../host/host';
import type { DesktopOptions } from './desktop-options';
import type { Log } from './log';
import { openSafeStorageSecretStore, type SafeStorageSecretStore } from './safe-storage-secret-store';
import { saveExportDialog } from './save-export-dialog';
import { utilityProcessLauncher } from './utility-process-launcher';

export interface DesktopHost {
  readonly host: Host;
  readonly secrets: SafeStorageSecretStore;
  /** Stops the host (workers, Temporal if ours) and finishes writing the API key. */
  close(): Promise<void>;
}

/**
 * The host core of the design card, in the main process: workers as Electron utility processes, the API
 * key in `safeStorage`, Temporal embedded (reused if a crashed launch left it running) unless the
 * environment or settings name another.
 */
export async function setupHost(input: {
  readonly dataDir: string;
  readonly workerEntry: string;
  readonly options: DesktopOptions;
  readonly log: Log;
}): Promise<DesktopHost> {
  const { dataDir, options, log } = input;
  const secrets = await openSafeStorageSecretStore({ dataDir, safeStorage, log });
  // Temporal's API key and mTLS client key: in the keychain too, each in a file of its own.
  const temporalSecrets = {
    apiKey: await openSafeStorageSecretStore({ dataDir, safeStorage, log, name: 'temporal-api-key' }),
    clientKey: await openSafeStorageSecretStore({ dataDir, safeStorage, log, name: 'temporal-client-key' }),
  };
  // The model profiles' API keys (one map by profile id), in the keychain too.
  const modelProfileSecrets = await openSafeStorageSecretStore({
    dataDir,
    safeStorage,
    log,
    name: 'model-profile-keys',
  });
  const host = await createHost({
    dataDir,
    launcher: utilityProcessLauncher({
      entry: input.workerEntry,
      fork: (modulePath, args, forkOptions) => utilityProcess.fork(modulePath, args, forkOptions),
      onOutput: log,
    }),
    secrets,
    temporalSecrets,
    modelProfileSecrets,
    ...(options.temporal ? { temporal: options.temporal } : {}),
    ...(options.workers !== undefined ? { initialWorkers: options.workers } : {}),
    ...(options.demoPace !== undefined ? { demoModelPace: options.demoPace } : {}),
    standbyWorkers: options.standbyWorkers,
    log,
    instanceName: 'the desktop app',
    saveFile: saveExportDialog,
  });
  host.started.then(
    (report) => log(`ready (${report.resumed} unfinished run(s) re-attached)`),
    (error: unknown) => log(`Temporal is not available: ${messageOf(error)}`),
  );
  return {
    host,
    secrets,
    async close() {
      await host.close();
      await Promise.all([
        secrets.flush(),
        temporalSecrets.apiKey.flush(),
        temporalSecrets.clientKey.flush(),
        modelProfileSecrets.flush(),
      ]);
    },
  };
}
