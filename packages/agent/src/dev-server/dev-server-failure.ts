import { AgentError } from '../common/errors';

/** How the `temporal` process ended, and what it printed last. */
export interface DevServerExitReport {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: Error;
  readonly output: readonly string[];
  readonly address: string;
  readonly uiPort: number | undefined;
  readonly dbFile: string | undefined;
}

const portPattern = /can't (set|use)[^:]* port (\d+)|address already in use|bind: /i;
const databasePattern =
  /sqlite|database|not a database|malformed|file is (encrypted|not)|SQL logic error|unable to open|schema/i;

/** The error for a dev server that exited before it answered, classified from its output. */
export function devServerExitError(report: DevServerExitReport): AgentError {
  const how = report.signal !== null ? `was killed by ${report.signal}` : `exited with code ${report.code}`;
  const tail = formatTail(report.output);
  if (report.spawnError !== undefined) {
    return new AgentError(
      'dev-server-failed',
      `could not run the Temporal CLI: ${report.spawnError.message}`,
      {
        cause: report.spawnError,
      },
    );
  }
  const portLine = report.output.find((line) => portPattern.test(line));
  if (portLine !== undefined) {
    const port = /port (\d+)/i.exec(portLine)?.[1] ?? report.address.split(':').pop();
    return new AgentError(
      'port-in-use',
      `port ${port} is in use by another program, so the Temporal dev server could not start; ` +
        `stop that program or choose other ports.${tail}`,
    );
  }
  if (report.dbFile !== undefined) {
    const databaseLine = [...report.output].reverse().find((line) => databasePattern.test(line));
    if (databaseLine !== undefined) {
      return new AgentError(
        'dev-server-database',
        `Temporal dev server could not open its database ${report.dbFile}: ${summarize(databaseLine)}. ` +
          'If the file is damaged, move it aside (or use another db file) to start with an empty database.',
      );
    }
  }
  return new AgentError('dev-server-failed', `Temporal dev server ${how} before it was ready.${tail}`);
}

function formatTail(output: readonly string[]): string {
  const lines = output.slice(-10);
  return lines.length === 0 ? ' It printed nothing.' : `\nLast output:\n  ${lines.join('\n  ')}`;
}

/** The message of a log line (`time=… level=ERROR msg="…"`), without timestamp and level. */
function summarize(line: string): string {
  const message = /msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
  if (message !== undefined) return message.replace(/\\(.)/g, '$1');
  return line.replace(/^time=\S+ level=\S+ /, '').trim();
}
