/** The part of Electron's `app` a graceful quit needs (a fake in tests). */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

export interface GracefulQuitOptions {
  readonly app: QuittableApp;
  /** Stops following runs, the workers, the embedded Temporal (`host.close()`). */
  readonly close: () => Promise<void>;
  readonly log: (line: string) => void;
  /** After this long the app exits anyway (the next launch reuses or cleans what is left). */
  readonly timeoutMs?: number;
  /** Signals that quit the app like the menu does; default SIGINT, SIGTERM (not on Windows). */
  readonly signals?: readonly NodeJS.Signals[];
  readonly onSignal?: (signal: NodeJS.Signals, listener: () => void) => void;
}

/**
 * Quit waits for the host: the first `before-quit` is held back until workers and the embedded
 * Temporal have stopped (or `timeoutMs` passed), then the app exits. A second quit while closing does
 * nothing more. Runs in flight are not cancelled: they resume on the next launch.
 */
export function setupGracefulQuit(options: GracefulQuitOptions): void {
  const { app, log } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    log('quitting: stopping workers and Temporal…');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`the host did not stop within ${timeoutMs} ms; exiting anyway`);
        resolve();
      }, timeoutMs);
    });
    void Promise.race([
      options.close().catch((error: unknown) => log(`stopping the host failed: ${String(error)}`)),
      timeout,
    ]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      app.exit(0);
    });
  });
  const signals = options.signals ?? (process.platform === 'win32' ? [] : ['SIGINT', 'SIGTERM']);
  const onSignal = options.onSignal ?? ((signal, listener) => void process.on(signal, listener));
  for (const signal of signals) onSignal(signal, () => app.quit());
}
