import { describe, expect, it } from 'vitest';
import { findLaunchers, isLauncher, watchLaunchers } from '../../src/cli/launcher-watch';
import type { ProcessEntry } from '../../src/cli/process-table';

/** A process table: `npx durable-agent worker` typed in bash, as Linux shows it. */
function table(entries: readonly ProcessEntry[]) {
  const byPid = new Map(entries.map((entry) => [entry.pid, entry]));
  return (pid: number) => byPid.get(pid);
}

const terminal = { pid: 100, parentPid: 1, command: '-bash', startTime: '1' };
const npm = { pid: 200, parentPid: 100, command: 'npm exec durable-agent worker', startTime: '2' };
const shell = { pid: 300, parentPid: 200, command: "sh -c 'durable-agent' worker", startTime: '3' };
const worker = { pid: 400, parentPid: 300, command: 'durable-agent-worker', startTime: '4' };

describe('findLaunchers', () => {
  it('walks up from npx’s sh -c to npm exec and stops at the user’s shell', () => {
    expect(findLaunchers(table([terminal, npm, shell, worker]), worker.pid)).toEqual([shell, npm]);
  });

  it('finds none for a global install or node bin/durable-agent.js started from a shell', () => {
    const direct = { ...worker, parentPid: terminal.pid };
    expect(findLaunchers(table([terminal, direct]), direct.pid)).toEqual([]);
  });
});

describe('isLauncher', () => {
  it('recognises package runners however they show, and the shell npm runs a bin with', () => {
    for (const command of [
      'npm exec durable-agent worker',
      'node /usr/lib/node_modules/npm/bin/npx-cli.js durable-agent worker',
      '/usr/bin/npx durable-agent worker',
      'pnpm dlx durable-agent worker',
      'node /opt/yarn/bin/yarn.js durable-agent worker',
      "/bin/sh -c 'durable-agent' worker",
    ]) {
      expect(isLauncher(command), command).toBe(true);
    }
  });

  it('leaves alone shells, terminals, supervisors and other programs', () => {
    for (const command of ['-bash', 'bash', 'sh -c make test', 'node server.js', 'tmux', 'systemd --user']) {
      expect(isLauncher(command), command).toBe(false);
    }
  });
});

describe('watchLaunchers', () => {
  it('tells once when a launcher is gone, or when its pid now belongs to another process', async () => {
    for (const after of [[shell], [shell, { ...npm, startTime: '99' }]]) {
      const gone: number[] = [];
      const watch = watchLaunchers([shell, npm], (launcher) => gone.push(launcher.pid), {
        intervalMs: 10,
        read: table(after),
      });
      await new Promise((resolve) => setTimeout(resolve, 60));
      watch.stop();
      expect(gone).toEqual([npm.pid]);
    }
  });
});
