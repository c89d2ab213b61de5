import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';

let installed = false;

/**
 * Installs the Temporal runtime once with a quiet logger (errors only unless `logLevel` says otherwise)
 * and without the SDK's own signal handlers: shutdown is the application's decision (the CLI prints what
 * it does on Ctrl+C). `WARN` shows, e.g., a late completion that Temporal refused ("Activity not found").
 */
export function installRuntime(logLevel: LogLevel = 'ERROR'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger(logLevel), shutdownSignals: [] });
  } catch {
    // Already installed by the application: keep its choices.
  }
}
