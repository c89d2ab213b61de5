import {
  type CallToolResult,
  Client,
  type PriorDiscovery,
  type Tool as ServerTool,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { McpCallError, toCallError } from './mcp-call-error';
import { DEFAULT_MCP_CALL_TIMEOUT_SECONDS, describeServerTarget, type McpServerConfig } from './mcp-config';
import { describeStartFailure, listAllTools } from './mcp-server-start';
import type { McpServerStatus } from './mcp-status';
import { toToolInfo } from './mcp-tool-info';
import { createTransport } from './mcp-transport';
import { StderrTail } from './stderr-tail';

const CLIENT_INFO = { name: 'durable-agent', version: '0.1.0' };
/** Restarts of a server that died, before it is marked failed: 0.5 s doubling to 30 s, ~2 minutes. */
const MAX_RESTARTS = 8;
const MAX_RESTART_DELAY_MS = 30_000;

export interface McpConnectionOptions {
  /** Time for the server to start and list its tools. */
  readonly startTimeoutMs: number;
  /** How long a call waits for a restarting server before it gives up (this attempt). */
  readonly reconnectWaitMs: number;
  /** Told of every change of status or tool list. */
  readonly onChange: (connection: McpConnection) => void;
}

/** One MCP server: started, its tools listed, restarted with backoff when it dies, closed on request. */
export class McpConnection {
  private client: Client | undefined;
  private serverTools: readonly ServerTool[] = [];
  private current: Pick<McpServerStatus, 'state' | 'error' | 'retryInMs'> = { state: 'connecting' };
  private restarts = 0;
  /** The process of a stdio server (its guard's pid where there is one). */
  private pid: number | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly stderr = new StderrTail();
  /** The transport's last error: "ReadBuffer exceeded maximum size" says why a connection closed. */
  private transportError: unknown;
  private readonly waiters = new Set<() => void>();
  /**
   * The server's protocol era as the last connection found it, so that a restart connects at once (a
   * stdio server is not spawned twice for the probe); forgotten when a connection fails.
   */
  private era: PriorDiscovery | undefined;
  /** The MCP revision the server speaks, once connected. */
  private protocolVersion: string | undefined;

  constructor(
    readonly name: string,
    readonly config: McpServerConfig,
    private readonly options: McpConnectionOptions,
  ) {}

  /** Starts the server; resolves once it is ready or has failed (never rejects). */
  start(): Promise<void> {
    return this.connect(false);
  }

  get tools(): readonly ServerTool[] {
    return this.serverTools;
  }

  get status(): McpServerStatus {
    return {
      name: this.name,
      transport: 'url' in this.config ? 'http' : 'stdio',
      target: describeServerTarget(this.config),
      tools:
        this.current.state === 'failed' || this.current.state === 'stopped'
          ? []
          : this.serverTools.map((tool) => toToolInfo(this.name, tool)),
      ...(this.pid === undefined ? {} : { pid: this.pid }),
      ...(this.protocolVersion === undefined ? {} : { protocolVersion: this.protocolVersion }),
      ...this.current,
    };
  }

  /** Seconds a call may wait for the server's answer. */
  get callTimeoutSeconds(): number {
    return this.config.timeout ?? DEFAULT_MCP_CALL_TIMEOUT_SECONDS;
  }

  /** Calls a tool of this server, waiting for a restarting server first. Failures are `McpCallError`s. */
  async callTool(
    tool: string,
    args: Record<string, unknown>,
    options: { readonly signal: AbortSignal; readonly onProgress?: () => void },
  ): Promise<CallToolResult> {
    const client = await this.readyClient(tool, options.signal);
    try {
      return await client.callTool(
        { name: tool, arguments: args },
        {
          signal: options.signal,
          timeout: this.callTimeoutSeconds * 1000,
          resetTimeoutOnProgress: true,
          onprogress: options.onProgress,
        },
      );
    } catch (error) {
      if (options.signal.aborted) throw error;
      const failure =
        oversized(this.transportError, `${this.name}.${tool}`, error) ??
        toCallError(error, this, tool, this.stderr.text(3));
      // An HTTP server that stopped answering (or forgot our session) needs a new session.
      if (failure.code === 'server-unavailable' && this.client === client) this.lost(failure.message);
      throw failure;
    }
  }

  /** Closes the connection and stops a stdio server (its whole process group). */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.pid = undefined;
    // A server that failed stays failed: there was nothing to stop.
    if (this.current.state !== 'failed') this.setState({ state: 'stopped' });
    await client?.close().catch(() => undefined);
  }

  private async connect(restart: boolean): Promise<void> {
    if (this.closing) return;
    if (!restart) this.setState({ state: 'connecting' });
    this.stderr.clear();
    this.transportError = undefined;
    const client = new Client(CLIENT_INFO, {
      capabilities: {},
      // Dual-era: `server/discover` first (a 2026-07-28 server answers it), the 2025 `initialize` otherwise.
      versionNegotiation: { mode: 'auto' },
      listChanged: {
        tools: {
          onChanged: (error, tools) => {
            if (error || !tools || this.client !== client) return;
            this.serverTools = tools;
            this.options.onChange(this);
          },
        },
      },
    });
    try {
      const transport = createTransport(this.config, this.stderr);
      await client.connect(transport, { timeout: this.options.startTimeoutMs, prior: this.era });
      this.era = eraOf(client);
      this.protocolVersion = client.getNegotiatedProtocolVersion();
      this.pid = transport instanceof StdioClientTransport ? (transport.pid ?? undefined) : undefined;
      const tools = await listAllTools(client, this.options.startTimeoutMs);
      if (this.closing) return void (await client.close().catch(() => undefined));
      client.onerror = (error) => {
        // The first one: the rest of an oversized message then fails to parse, too.
        if (this.client === client) this.transportError ??= error;
      };
      client.onclose = () => {
        if (this.client === client && !this.closing) this.lost(this.exitedMessage());
      };
      this.client = client;
      this.serverTools = tools;
      this.restarts = 0;
      this.setState({ state: 'ready' });
    } catch (error) {
      await client.close().catch(() => undefined);
      this.era = undefined;
      const reason = describeStartFailure(error, this.stderr.text(5), this.options.startTimeoutMs);
      if (restart) this.scheduleRestart(reason);
      else this.setState({ state: 'failed', error: reason });
    }
  }

  /** The connection broke while in use: start the server again, with backoff. */
  private lost(reason: string): void {
    // An HTTP session that broke may still hold a stream open: close it (a dead process's is closed).
    const broken = this.client;
    this.client = undefined;
    this.pid = undefined;
    void broken?.close().catch(() => undefined);
    this.scheduleRestart(reason);
  }

  private scheduleRestart(reason: string): void {
    if (this.closing) return;
    if (this.restarts >= MAX_RESTARTS) {
      this.setState({ state: 'failed', error: `gave up after ${MAX_RESTARTS} restarts — ${reason}` });
      return;
    }
    const delay = Math.min(500 * 2 ** this.restarts, MAX_RESTART_DELAY_MS);
    this.restarts++;
    this.setState({ state: 'connecting', error: reason, retryInMs: delay });
    this.retryTimer = setTimeout(() => void this.connect(true), delay);
  }

  private exitedMessage(): string {
    const said = this.stderr.text(3);
    return `the server closed the connection${said ? ` (its last words: ${said})` : ''}`;
  }

  private setState(state: McpConnection['current']): void {
    this.current = state;
    for (const wake of this.waiters) wake();
    this.options.onChange(this);
  }

  /** The client of a ready server; waits (at most `reconnectWaitMs`) while it restarts. */
  private async readyClient(tool: string, signal: AbortSignal): Promise<Client> {
    const deadline = Date.now() + this.options.reconnectWaitMs;
    while (!this.client) {
      const { state, error } = this.current;
      if (state === 'failed' || state === 'stopped' || Date.now() >= deadline) {
        const why = state === 'stopped' ? 'the worker is closing it' : (error ?? 'it is not connected');
        throw new McpCallError(
          state === 'connecting' ? 'server-unavailable' : 'server-failed',
          `the MCP server "${this.name}" cannot run ${tool}: ${why}`,
        );
      }
      await this.nextChange(Math.max(0, deadline - Date.now()), signal);
      signal.throwIfAborted();
    }
    return this.client;
  }

  private nextChange(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }
}

/** What a later connection may assume about the server: it speaks the 2026-07-28 revision, or an older one. */
function eraOf(client: Client): PriorDiscovery {
  const discover = client.getDiscoverResult();
  return client.getProtocolEra() === 'modern' && discover ? { kind: 'modern', discover } : { kind: 'legacy' };
}

/**
 * The MCP SDK reads a stdio message of at most 10 MB and closes the connection over a larger one: the
 * call gets "connection closed", which is not the server dying. Said as it is, and never called again.
 */
function oversized(transportError: unknown, label: string, cause: unknown): McpCallError | undefined {
  const text = transportError instanceof Error ? transportError.message : '';
  const limit = /ReadBuffer exceeded maximum size of (\d+) bytes/.exec(text);
  if (!limit) return undefined;
  const megabytes = (Number(limit[1]) / 1024 / 1024).toFixed(0);
  return new McpCallError(
    'too-large',
    `the result of ${label} is larger than the ${megabytes} MB an MCP message may be here (the MCP SDK's read buffer): the server was restarted, and the tool is not called again`,
    { cause },
  );
}
