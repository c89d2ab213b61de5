import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../../src/dev-server/port-probe';
import { TemporalDevServer } from '../../src/dev-server/temporal-dev-server';

/**
 * A Temporal dev server of the test's own, on its own SQLite file and a fixed port, that the test can
 * kill -9 and start again on the same database and address (as a supervisor would).
 */
export class OwnTemporal {
  private server: TemporalDevServer | undefined;

  private constructor(
    readonly address: string,
    private readonly port: number,
    private readonly directory: string,
  ) {}

  static async start(): Promise<OwnTemporal> {
    const port = await getFreePort('127.0.0.1');
    const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-own-temporal-'));
    const temporal = new OwnTemporal(`127.0.0.1:${port}`, port, directory);
    await temporal.restart();
    return temporal;
  }

  get pid(): number | undefined {
    return this.server?.pid;
  }

  /** Starts the server (again) on the same port, on its database file or on another one (`database`). */
  async restart(database = 'temporal'): Promise<void> {
    this.server = await TemporalDevServer.start({
      port: this.port,
      dbFile: path.join(this.directory, `${database}.db`),
      headless: true,
      startTimeoutMs: 60_000,
    });
  }

  /** kill -9: no shutdown, like a crash; resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = this.server?.pid;
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Stops the server politely (it can be started again with `restart`). */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async close(): Promise<void> {
    await this.server?.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
