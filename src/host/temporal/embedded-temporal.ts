import path from 'node:path';
import { TemporalDevServer, type TemporalLogSummary } from 'durable-agent';

export interface EmbeddedTemporalOptions {
  readonly dataDir: string;
  /** gRPC port; default 7233. A fixed port lets the next launch reuse a server left by a crash. */
  readonly port?: number;
  /** Web UI port; default port + 1000. */
  readonly uiPort?: number;
  /** Warnings and errors in the server's log (`temporal.log` in the data folder): at the first, then every 30 s. */
  readonly onLogSummary?: (summary: TemporalLogSummary) => void;
  /** The server we started exited without being asked to. */
  readonly onUnexpectedExit?: (detail: string) => void;
  /** No Temporal CLI was found and it is being fetched or built (first start): each step. */
  readonly onCliInstallProgress?: (message: string) => void;
}

export interface EmbeddedTemporal {
  readonly address: string;
  readonly namespace: string;
  readonly webUiUrl: string | undefined;
  /** A server already answered on the port (e.g. left running by a crashed launch). */
  readonly reused: boolean;
  /** The process id of the server we started; `undefined` when reused. */
  readonly pid: number | undefined;
  /** Stops the server if we started it; a reused one is left alone. */
  stop(): Promise<void>;
}

/**
 * The app's own Temporal: `temporal server start-dev` with its SQLite file in the data folder, so runs
 * survive restarts of everything; reused when one already answers on the port.
 */
export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  const port = options.port ?? 7233;
  const uiPort = options.uiPort ?? Math.min(port + 1000, 65_535);
  const server = await TemporalDevServer.start({
    port,
    uiPort,
    dbFile: path.join(options.dataDir, 'temporal.db'),
    onLogSummary: options.onLogSummary,
    onCliInstallProgress: options.onCliInstallProgress,
    onExit: (exit) => {
      if (!exit.expected)
        options.onUnexpectedExit?.(
          exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`,
        );
    },
  });
  const guessedUi = `http://127.0.0.1:${uiPort}`;
  const webUiUrl = server.uiUrl ?? ((await answersHttp(guessedUi)) ? guessedUi : undefined);
  return {
    address: server.address,
    namespace: server.namespace,
    webUiUrl,
    reused: server.reused,
    pid: server.pid,
    stop: () => server.stop(),
  };
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
