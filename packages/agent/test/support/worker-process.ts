import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { temporalAddress } from './temporal-connection';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'agent-worker-process.cjs');
const BUILT_LIBRARY = path.join(__dirname, '..', '..', 'dist', 'index.js');

/** A worker in its own OS process (the built library), so tests can SIGKILL it mid-run. */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a worker on `taskQueue` of the Temporal at `address` (default: the shared test server). */
  static async start(
    taskQueue: string,
    modelBaseURL: string,
    address = temporalAddress(),
    environment: Readonly<Record<string, string>> = {},
  ): Promise<WorkerProcess> {
    if (!existsSync(BUILT_LIBRARY))
      throw new Error('the library is not built: run `npm run build:lib` first');
    const child = spawn(process.execPath, [FIXTURE], {
      env: {
        ...process.env,
        AGENT_TASK_QUEUE: taskQueue,
        TEMPORAL_ADDRESS: address,
        OPENAI_BASE_URL: modelBaseURL,
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    await worker.waitFor('ready', 60_000);
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get log(): string {
    return this.output;
  }

  async waitFor(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`worker process exited before printing "${text}":\n${this.output}`);
      }
      if (Date.now() > deadline)
        throw new Error(`worker process did not print "${text}" within ${timeoutMs}ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** kill -9: no cleanup, like a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGSTOP: the process freezes with its sockets open, as a paused VM or a stalled machine does. */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  /** SIGCONT: a paused process runs on from where it stopped. */
  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** Graceful stop (SIGTERM → worker.shutdown()). */
  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
