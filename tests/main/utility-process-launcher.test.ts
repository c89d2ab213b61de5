import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ForkOptions, UtilityProcess } from 'electron';
import { describe, expect, it } from 'vitest';
import type { WorkerExit } from '../../src/host/workers/worker-launcher';
import { utilityProcessLauncher } from '../../src/main/utility-process-launcher';

/** A utility process as Electron's is: pid once spawned (gone after exit), `exit` with a code only. */
class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = 0;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: ForkOptions,
  ) {
    super();
  }

  spawn(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }

  exit(code: number): void {
    this.pid = undefined;
    this.emit('exit', code);
  }

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  kill(): boolean {
    this.killed++;
    return true;
  }
}

function launcherWith(platform: NodeJS.Platform = 'linux') {
  const forked: FakeUtilityProcess[] = [];
  const signals: [number, string][] = [];
  const output: string[] = [];
  const launcher = utilityProcessLauncher({
    entry: '/app/out/main/worker.js',
    fork: (modulePath, args, options) => {
      const child = new FakeUtilityProcess(modulePath, args, options);
      forked.push(child);
      return child as unknown as UtilityProcess;
    },
    onOutput: (line) => output.push(line),
    signal: (pid, signal) => signals.push([pid, signal]),
    platform,
  });
  const launch = () => {
    const worker = launcher.launch({
      label: 'worker 1',
      args: ['{"workerId":"w1"}'],
      execArgv: ['--max-semi-space-size=8'],
      env: { SECRET: 'k' },
    });
    const exits: WorkerExit[] = [];
    worker.onExit((exit) => exits.push(exit));
    return { worker, child: forked.at(-1)!, exits };
  };
  return { launch, signals, output };
}

describe('utilityProcessLauncher', () => {
  it('forks the worker entry with the config argument, the secret in its environment, output piped', () => {
    const { launch } = launcherWith();
    const { child } = launch();
    expect(child.modulePath).toBe('/app/out/main/worker.js');
    expect(child.args).toEqual(['{"workerId":"w1"}']);
    expect(child.options.execArgv).toEqual(['--max-semi-space-size=8']);
    expect(child.options.env).toMatchObject({ SECRET: 'k' });
    expect((child.options.env as Record<string, string>).PATH).toBe(process.env.PATH);
    expect(child.options.stdio).toBe('pipe');
    expect(child.options.serviceName).toBe('Durable Agent worker 1');
  });

  it('knows the pid once spawned and keeps it after the exit (for the supervisor and its log)', () => {
    const { launch } = launcherWith();
    const { worker, child } = launch();
    expect(worker.pid).toBeUndefined();
    child.spawn(4242);
    expect(worker.pid).toBe(4242);
    child.exit(0);
    expect(worker.pid).toBe(4242);
  });

  it("passes the worker's messages on and sends it commands until it has exited", () => {
    const { launch } = launcherWith();
    const { worker, child } = launch();
    const received: unknown[] = [];
    worker.onMessage((message) => received.push(message));
    child.emit('message', { type: 'ready', identity: 'worker 1 (pid 4242)' });
    worker.send({ type: 'shutdown' });
    child.exit(0);
    worker.send({ type: 'shutdown' });
    expect(received).toEqual([{ type: 'ready', identity: 'worker 1 (pid 4242)' }]);
    expect(child.posted).toEqual([{ type: 'shutdown' }]);
  });

  it('kill -9 signals the pid and reports the exit as SIGKILL (utilityProcess gives only a code)', () => {
    const { launch, signals } = launcherWith();
    const { worker, child, exits } = launch();
    child.spawn(4242);
    worker.kill('SIGKILL');
    child.exit(137);
    expect(signals).toEqual([[4242, 'SIGKILL']]);
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
  });

  it('a graceful stop that ends cleanly reports code 0; a crash reports its code', () => {
    const { launch, signals } = launcherWith();
    const stopped = launch();
    stopped.child.spawn(1);
    stopped.worker.kill('SIGTERM');
    stopped.child.exit(0);
    expect(signals).toEqual([[1, 'SIGTERM']]);
    expect(stopped.exits).toEqual([{ code: 0, signal: null }]);
    const crashed = launch();
    crashed.child.spawn(2);
    crashed.child.exit(1);
    expect(crashed.exits).toEqual([{ code: 1, signal: null }]);
  });

  it('tells a late exit listener at once, exactly once, and ignores kills after the exit', async () => {
    const { launch, signals } = launcherWith();
    const { worker, child } = launch();
    child.spawn(3);
    child.exit(0);
    worker.kill('SIGKILL');
    const late: WorkerExit[] = [];
    worker.onExit((exit) => late.push(exit));
    await Promise.resolve();
    expect(late).toEqual([{ code: 0, signal: null }]);
    expect(signals).toEqual([]);
  });

  it("uses Electron's kill before the process has a pid", () => {
    const { launch, signals } = launcherWith();
    const { worker, child } = launch();
    worker.kill('SIGKILL');
    expect(child.killed).toBe(1);
    expect(signals).toEqual([]);
  });

  it('on Windows leaves SIGTERM to the shutdown message and terminates on SIGKILL', () => {
    const { launch, signals } = launcherWith('win32');
    const { worker, child, exits } = launch();
    child.spawn(5);
    worker.kill('SIGTERM');
    expect(child.killed).toBe(0);
    worker.kill('SIGKILL');
    expect(child.killed).toBe(1);
    child.exit(1);
    expect(signals).toEqual([]);
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
  });

  it('prefixes every line the worker prints with its label', async () => {
    const { launch, output } = launcherWith();
    const { child } = launch();
    child.stdout.write('polling task queue "agent"\n');
    child.stderr.write('worker failed: boom\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(output).toEqual(['[worker 1] polling task queue "agent"', '[worker 1] worker failed: boom']);
  });
});
