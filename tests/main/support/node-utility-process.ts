import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ForkOptions, UtilityProcess } from 'electron';

const shim = new URL('./parent-port-shim.mjs', import.meta.url).href;

/**
 * `utilityProcess.fork` as far as the launcher can tell, made of a Node child process: the child has
 * `process.parentPort`; `pid` appears at spawn and goes at exit; `exit` carries a code only (a signal
 * death becomes 128 + the signal number, like a shell reports it).
 */
export function forkLikeUtilityProcess(
  modulePath: string,
  args: string[],
  options: ForkOptions,
): UtilityProcess {
  const emitter = new EventEmitter() as EventEmitter & {
    pid: number | undefined;
    stdout: NodeJS.ReadableStream | null;
    stderr: NodeJS.ReadableStream | null;
    postMessage(message: unknown): void;
    kill(): boolean;
  };
  const child = fork(modulePath, args, {
    env: options.env as NodeJS.ProcessEnv,
    execArgv: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--import', shim],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  emitter.pid = undefined;
  emitter.stdout = child.stdout;
  emitter.stderr = child.stderr;
  emitter.postMessage = (message) => {
    if (child.connected) child.send(message as never);
  };
  emitter.kill = () => child.kill('SIGTERM');
  child.once('spawn', () => {
    emitter.pid = child.pid;
    emitter.emit('spawn');
  });
  child.on('message', (message) => emitter.emit('message', message));
  child.once('exit', (code, signal) => {
    emitter.pid = undefined;
    emitter.emit('exit', code ?? 128 + (signal ? constants.signals[signal] : 0));
  });
  return emitter as unknown as UtilityProcess;
}

export const workerEntry = fileURLToPath(new URL('../../../src/worker/index.ts', import.meta.url));
