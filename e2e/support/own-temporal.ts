import { TemporalDevServer } from 'durable-agent';

/**
 * A Temporal dev server a spec starts, kills and starts again itself, on one port and one database file —
 * for outages while no host runs (the host's embedded server would come back with the host).
 */
export class OwnTemporal {
  private server: TemporalDevServer | undefined;

  constructor(
    readonly port: number,
    readonly dbFile: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = await TemporalDevServer.start({
      port: this.port,
      dbFile: this.dbFile,
      headless: true,
      startTimeoutMs: 60_000,
    });
    if (this.server.reused) throw new Error(`a Temporal already answered on ${this.address}`);
  }

  /** SIGKILL: the server goes away at once, without a word to its clients. */
  async kill(): Promise<void> {
    const pid = this.server?.pid;
    if (pid === undefined) throw new Error('this Temporal is not running');
    process.kill(pid, 'SIGKILL');
    await this.server?.stop(); // resolves once it has exited
    this.server = undefined;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}
