import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/**
 * Installs the Temporal runtime once with a quiet logger and without the SDK's own signal handlers:
 * shutdown is the application's decision (the CLI prints what it does on Ctrl+C).
 */
export function installRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  } catch {
    // Already installed by the application: keep its choices.
  }
}
