import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * The watchdog's script: it waits for the end of its stdin — a pipe whose other end only this process
 * holds, which the kernel closes however this process ends, `kill -9` included — then stops the child
 * (SIGTERM, SIGKILL one second later). It ignores a terminal's Ctrl+C and hang-up: those are for us.
 */
const script = `trap '' INT HUP
read -r _
kill -TERM "$1" 2>/dev/null || exit 0
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$1" 2>/dev/null || exit 0; sleep 0.1; done
kill -KILL "$1" 2>/dev/null
exit 0`;

/** A watchdog that ends one child when this process ends; `dispose()` once the child is ended another way. */
export interface ParentDeathWatchdog {
  readonly pid: number | undefined;
  dispose(): void;
}

/**
 * Makes `childPid` end with this process, even when this process is killed with SIGKILL (where no exit
 * handler runs): a tiny `sh` waits on a pipe from us and stops the child when the pipe closes. POSIX
 * only; on Windows it does nothing. It does not keep this process alive.
 */
export function endWithThisProcess(childPid: number | undefined): ParentDeathWatchdog {
  if (childPid === undefined || process.platform === 'win32') return { pid: undefined, dispose() {} };
  let watchdog: ChildProcess;
  try {
    watchdog = spawn('/bin/sh', ['-c', script, 'durable-agent-watchdog', String(childPid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      windowsHide: true,
    });
  } catch {
    return { pid: undefined, dispose() {} };
  }
  watchdog.on('error', () => undefined); // no shell: the child just is not watched
  watchdog.stdin?.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  return {
    pid: watchdog.pid,
    dispose() {
      // SIGKILL, not closing the pipe: a closed pipe is the signal to stop the child.
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
    },
  };
}
