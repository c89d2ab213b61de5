import { type LogLevel, Runtime } from '@temporalio/worker';
import { ConnectionRetryLogger } from './connection-retry-logger';

let installed = false;

/**
 * Installs the Temporal runtime once with a quiet logger (errors only unless `logLevel` says otherwise)
 * and without the SDK's own signal handlers: shutdown is the application's decision (the CLI prints what
 * it does on Ctrl+C). `WARN` shows, e.g., a late completion that Temporal refused ("Activity not found").
 * The core SDK's own warnings are forwarded to the same logger, which sums up its connection retries
 * during an outage in one line instead of one per retried call (`ConnectionRetryLogger`).
 */
export function installRuntime(logLevel: LogLevel = 'ERROR'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({
      logger: new ConnectionRetryLogger(logLevel),
      shutdownSignals: [],
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // Already installed by the application: keep its choices.
  }
}
