import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

/** What Temporal's own log held so far: how many warnings and errors, the last one, where the file is. */
export interface TemporalLogSummary {
  readonly warnings: number;
  readonly errors: number;
  /** The message of the last warning or error. */
  readonly lastMessage: string | undefined;
  /** The file that holds every line; `undefined` when the server logs to no file. */
  readonly file: string | undefined;
}

/** How often, at most, a summary is reported while warnings keep coming (the first one is reported at once). */
const SUMMARY_INTERVAL_MS = 30_000;

/**
 * Temporal's own log: every line goes to a file (appended), and warnings and errors are counted, so a
 * terminal or a status card shows one line — `describeTemporalLog(summary)` — instead of each of them
 * (under load the dev server prints hundreds of lines a healthy app can ignore).
 */
export class TemporalLog {
  private warnings = 0;
  private errors = 0;
  private lastMessage: string | undefined;
  private readonly stream: WriteStream | undefined;
  private lastReport = 0;
  private pending: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    readonly file: string | undefined,
    private readonly onSummary?: (summary: TemporalLogSummary) => void,
  ) {
    if (file === undefined) return;
    mkdirSync(path.dirname(file), { recursive: true });
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', () => undefined); // a full disk must not stop the server's supervision
  }

  get summary(): TemporalLogSummary {
    return { warnings: this.warnings, errors: this.errors, lastMessage: this.lastMessage, file: this.file };
  }

  /** One line Temporal printed. */
  add(line: string): void {
    if (this.closing === undefined) this.stream?.write(`${line}\n`);
    const level = /\blevel=(warn|error|fatal|panic)\b/i.exec(line)?.[1]?.toLowerCase();
    if (level === undefined) return;
    if (level === 'warn') this.warnings++;
    else this.errors++;
    this.lastMessage = messageOf(line);
    this.report();
  }

  /** Reports what is still unreported and closes the file; safe to call again. */
  close(): Promise<void> {
    if (this.pending !== undefined) {
      clearTimeout(this.pending);
      this.pending = undefined;
      this.onSummary?.(this.summary);
    }
    const stream = this.stream;
    this.closing ??=
      stream === undefined ? Promise.resolve() : new Promise<void>((resolve) => stream.end(resolve));
    return this.closing;
  }

  private report(): void {
    if (this.onSummary === undefined || this.pending !== undefined) return;
    const wait = this.lastReport + SUMMARY_INTERVAL_MS - Date.now();
    const send = () => {
      this.pending = undefined;
      this.lastReport = Date.now();
      this.onSummary?.(this.summary);
    };
    if (wait <= 0) {
      send();
      return;
    }
    this.pending = setTimeout(send, wait);
    this.pending.unref();
  }
}

/** `Temporal logged 3 warnings and 1 error — last: "…" (full log: /data/temporal.log)`. */
export function describeTemporalLog(summary: TemporalLogSummary): string {
  const counts = [plural(summary.warnings, 'warning'), plural(summary.errors, 'error')].join(' and ');
  const last = summary.lastMessage === undefined ? '' : ` — last: ${summary.lastMessage}`;
  const where = summary.file === undefined ? '' : ` (full log: ${summary.file})`;
  return `Temporal logged ${counts}${last}${where}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The `msg=` of a `key=value` log line (quoted or not), else the line itself; kept short. */
function messageOf(line: string): string {
  const match = /\bmsg=(?:"((?:[^"\\]|\\.)*)"|(\S+))/.exec(line);
  const message = match ? (match[1]?.replace(/\\"/g, '"') ?? match[2] ?? line) : line;
  return message.length > 160 ? `${message.slice(0, 157)}…` : message;
}
