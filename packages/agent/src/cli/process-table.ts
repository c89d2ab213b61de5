import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What the CLI needs to know about another process: its parent and the command line it shows. */
export interface ProcessEntry {
  readonly pid: number;
  readonly parentPid: number;
  /** The command line as `ps` shows it (a process that set its title shows the title). */
  readonly command: string;
  /** When it started, in clock ticks since boot (Linux): tells a process from a later one with its pid. */
  readonly startTime?: string;
}

/** One process of the system's process table, or `undefined` when it is gone (or a zombie). */
export type ReadProcess = (pid: number) => ProcessEntry | undefined;

/** Reads `/proc` on Linux, asks `ps` elsewhere (macOS, the BSDs); Windows has neither: `undefined`. */
export const readProcess: ReadProcess = (pid) => {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') return readProcFs(pid);
  if (process.platform === 'win32') return undefined;
  return readWithPs(pid);
};

/** Whether `entry` still runs: the same pid, not a zombie, and (where known) the same start time. */
export function isStillRunning(entry: ProcessEntry, read: ReadProcess = readProcess): boolean {
  if (process.platform !== 'linux' && read === readProcess) {
    try {
      process.kill(entry.pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  const now = read(entry.pid);
  return now !== undefined && (entry.startTime === undefined || now.startTime === entry.startTime);
}

function readProcFs(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((part) => part !== '')
      .join(' ');
    return { pid, parentPid: Number(fields[1]), command, startTime: fields[19] };
  } catch {
    return undefined;
  }
}

function readWithPs(pid: number): ProcessEntry | undefined {
  try {
    const line = execFileSync('ps', ['-o', 'ppid=,stat=,command=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const match = /^(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (match === null || match[2]?.startsWith('Z')) return undefined;
    return { pid, parentPid: Number(match[1]), command: match[3] ?? '' };
  } catch {
    return undefined;
  }
}
