import { DefaultLogger, type Logger, type LogLevel, type LogMetadata } from '@temporalio/worker';

/** How often, at most, a continuing outage is reported. */
const REPORT_EVERY_MS = 15_000;
/** Retries that stop for this long end the outage: the next one starts a new one. */
const OUTAGE_OVER_AFTER_MS = 20_000;

/**
 * The worker runtime's logger. The core SDK logs a WARN line for each retried call while Temporal cannot
 * be reached (`temporalio_client::retry … retried 7 times`), several a second from every poller; this
 * logger says it once instead — `Temporal unreachable — retrying` at the first, then `Temporal unreachable
 * for 15 s — retrying` at most every 15 s while the outage lasts. Everything else goes to a `DefaultLogger` at `level`.
 */
export class ConnectionRetryLogger implements Logger {
  private readonly downstream: DefaultLogger;
  private readonly report: (message: string) => void;
  private readonly now: () => number;
  private outageStart: number | undefined;
  private lastRetry = 0;
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    level: LogLevel,
    options: { readonly report?: (message: string) => void; readonly now?: () => number } = {},
  ) {
    this.downstream = new DefaultLogger(level);
    const reporter = new DefaultLogger('WARN');
    this.report = options.report ?? ((message) => reporter.warn(message));
    this.now = options.now ?? Date.now;
  }

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (isConnectionRetry(message, meta)) this.retried();
    else this.downstream.log(level, message, meta);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }

  private retried(): void {
    const now = this.now();
    if (this.outageStart === undefined || now - this.lastRetry > OUTAGE_OVER_AFTER_MS) {
      this.outageStart = now;
      this.lastReport = Number.NEGATIVE_INFINITY;
    }
    this.lastRetry = now;
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    const seconds = Math.round((now - this.outageStart) / 1000);
    this.report(
      seconds === 0 ? 'Temporal unreachable — retrying' : `Temporal unreachable for ${seconds} s — retrying`,
    );
  }
}

/** The core SDK's "retrying a call" lines (target `temporalio_client::retry`). */
function isConnectionRetry(message: string, meta: LogMetadata | undefined): boolean {
  const target = meta?.target;
  if (typeof target === 'string' && target.startsWith('temporalio_client::retry')) return true;
  return meta?.sdkComponent === 'core' && /\bretried \d+ times\b/.test(message);
}
