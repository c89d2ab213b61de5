import type { WorkerCommand } from '../../shared/worker-protocol';

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** How to start one worker process: the config JSON goes in argv, secrets in `env`. */
export interface WorkerLaunchSpec {
  readonly label: string;
  readonly args: readonly string[];
  /** Node's flags for the process (the library's lean worker settings). */
  readonly execArgv: readonly string[];
  /** Added to the host's environment. */
  readonly env: Readonly<Record<string, string>>;
}

/** A started worker process, whatever started it (`child_process.fork`, Electron's `utilityProcess`). */
export interface LaunchedWorker {
  /** Undefined when the process could not be spawned (an exit follows). */
  readonly pid: number | undefined;
  onMessage(listener: (message: unknown) => void): void;
  /** Called exactly once, when the process has ended. */
  onExit(listener: (exit: WorkerExit) => void): void;
  send(command: WorkerCommand): void;
  /** `SIGTERM` asks politely; `SIGKILL` ends the process at once. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

/** Starts worker processes; the desktop shell gives a utilityProcess launcher, Node a child-process one. */
export interface WorkerLauncher {
  launch(spec: WorkerLaunchSpec): LaunchedWorker;
}
