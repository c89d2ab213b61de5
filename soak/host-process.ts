import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DurableAgentApi } from '../src/shared/ipc-contract';
import { createWebApi, type WebApi } from '../src/shared/web-transport';

export interface HostProcessOptions {
  /** Built web mode (`main.js`). */
  readonly main: string;
  readonly dataDir: string;
  readonly temporalPort: number;
  readonly workers: number;
  /** Told each time a new process is up, with its API (the previous one is gone). */
  readonly onStarted: (api: DurableAgentApi) => void;
}

/** The app's host as a web-mode process the soak can kill -9 and start again on the same data folder. */
export class HostProcess {
  private child: ChildProcess | undefined;
  private web: WebApi | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly output: string[] = [];

  constructor(private readonly options: HostProcessOptions) {}

  get api(): DurableAgentApi {
    if (!this.web) throw new Error('the host is not running');
    return this.web.api;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  async start(): Promise<void> {
    const { main, dataDir, temporalPort, workers } = this.options;
    const args = [
      main,
      '--data-dir',
      dataDir,
      '--temporal-port',
      String(temporalPort),
      '--workers',
      String(workers),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.keep(`--- host started, pid ${child.pid}`);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.keep(`--- host pid ${child.pid} exited (code ${code}, signal ${signal})`);
        resolve();
      }),
    );
    createInterface({ input: child.stderr! }).on('line', (line) => this.keep(line));
    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`web mode printed no address: ${this.tail()}`)),
        120_000,
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        this.keep(line);
        const match = /Durable Agent web UI: (\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(new URL(match[1]!));
        }
      });
      void this.exited.then(() => reject(new Error(`web mode exited: ${this.tail()}`)));
    });
    this.web = createWebApi({
      url: `ws://127.0.0.1:${url.port}/api`,
      token: url.searchParams.get('token') ?? '',
      requestTimeoutMs: 60_000,
    });
    this.options.onStarted(this.web.api);
  }

  /** kill -9: the host dies mid-answer (its workers follow it within seconds). */
  async kill(): Promise<void> {
    this.web?.close();
    this.web = undefined;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.web?.close();
    this.web = undefined;
    this.child?.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Everything the host printed, also in `host.log` beside its data folder (for a soak that went wrong). */
  private keep(line: string): void {
    appendFileSync(
      path.join(this.options.dataDir, '..', 'host.log'),
      `${new Date().toISOString()} ${line}\n`,
    );
    this.output.push(line);
    if (this.output.length > 200) this.output.shift();
  }

  private tail(): string {
    return this.output.slice(-10).join(' | ');
  }
}
