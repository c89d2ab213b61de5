import type { Tool } from '../tools/define-tool';
import { enabledServers, type McpServersConfig } from './mcp-config';
import { McpConnection } from './mcp-connection';
import { describeServerStatus, type McpServerStatus } from './mcp-status';
import { toWorkerTool } from './mcp-tool';

export interface McpServersOptions {
  /** Time for each server to start and list its tools (default 30 s); a slower one is reported failed. */
  readonly startTimeoutMs?: number;
  /** How long a call waits for a restarting server before that attempt fails (default 20 s). */
  readonly reconnectWaitMs?: number;
  /** Told of every change of a server's status; without it, failures are written to the console. */
  readonly onStatus?: (status: McpServerStatus) => void;
}

/**
 * A worker's MCP servers. Their tools live in the worker's tool map (`tools`): added when a server is
 * ready, kept while it restarts (calls wait for it), removed when it fails for good. A tool whose name a
 * worker tool or an earlier server already has is left out, and the server's status says so.
 */
export class McpServers {
  private readonly connections: McpConnection[];
  /** The names each server put in the tool map. */
  private readonly owned = new Map<string, Set<string>>();
  private readonly conflicts = new Map<string, string[]>();

  private constructor(
    servers: McpServersConfig,
    private readonly tools: Map<string, Tool>,
    private readonly options: McpServersOptions,
  ) {
    this.connections = enabledServers(servers).map(
      ([name, config]) =>
        new McpConnection(name, config, {
          startTimeoutMs: options.startTimeoutMs ?? 30_000,
          reconnectWaitMs: options.reconnectWaitMs ?? 20_000,
          onChange: (connection) => this.changed(connection),
        }),
    );
  }

  /** Starts every enabled server at once; resolves when each is ready or has failed (never rejects). */
  static async start(
    servers: McpServersConfig,
    tools: Map<string, Tool>,
    options: McpServersOptions = {},
  ): Promise<McpServers> {
    const started = new McpServers(servers, tools, options);
    await Promise.all(started.connections.map((connection) => connection.start()));
    return started;
  }

  get statuses(): McpServerStatus[] {
    return this.connections.map((connection) => this.statusOf(connection));
  }

  /** Closes every server (stdio servers are stopped, their process groups too). */
  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }

  private changed(connection: McpConnection): void {
    this.syncTools(connection);
    const status = this.statusOf(connection);
    if (this.options.onStatus) this.options.onStatus(status);
    else if (status.state === 'failed') console.warn(`[mcp] ${describeServerStatus(status)}`);
  }

  private statusOf(connection: McpConnection): McpServerStatus {
    const status = connection.status;
    const conflicts = this.conflicts.get(connection.name) ?? [];
    if (conflicts.length === 0) return status;
    const note = `left out, their names are taken: ${conflicts.join(', ')}`;
    return {
      ...status,
      tools: status.tools.filter((tool) => !conflicts.includes(tool.name)),
      error: status.error ? `${status.error}; ${note}` : note,
    };
  }

  private syncTools(connection: McpConnection): void {
    const { state } = connection.status;
    const mine = this.owned.get(connection.name) ?? new Set<string>();
    const wanted =
      state === 'ready' || state === 'connecting'
        ? connection.tools.map((serverTool) => toWorkerTool(connection, serverTool))
        : [];
    const conflicts: string[] = [];
    const next = new Set<string>();
    for (const tool of wanted) {
      if (this.tools.has(tool.name) && !mine.has(tool.name)) {
        conflicts.push(tool.name);
        continue;
      }
      this.tools.set(tool.name, tool);
      next.add(tool.name);
    }
    for (const name of mine) if (!next.has(name)) this.tools.delete(name);
    this.owned.set(connection.name, next);
    this.conflicts.set(connection.name, conflicts);
  }
}
