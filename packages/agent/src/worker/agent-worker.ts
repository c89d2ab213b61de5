import os from 'node:os';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AgentError } from '../common/errors';
import { LiveTextServer } from '../live/live-text-server';
import { enabledServers } from '../mcp/mcp-config';
import type { McpServers } from '../mcp/mcp-servers';
import type { McpServerStatus } from '../mcp/mcp-status';
import { loadTelemetry, type Telemetry } from '../telemetry/telemetry';
import { connectionFailure, unreachable } from '../temporal/connection-failure';
import { toTlsConfig } from '../temporal/temporal-tls';
import { validateOptions } from '../temporal/validate-options';
import { withTimeout } from '../temporal/with-timeout';
import { type AgentWorkerOptions, AgentWorkerOptionsSchema } from './agent-worker-options';
import { compactWhenIdle, memoryCompaction } from './idle-compaction';
import { installRuntime } from './install-runtime';
import { sdkWorkerOptions } from './sdk-worker-options';
import { withLightWorkflowThreads } from './workflow-threads';

const CONNECT_TIMEOUT_MS = 5000;

/** A process that executes an agent's runs: polls the task queue, calls the model and the tools. */
export class AgentWorker {
  private constructor(
    private readonly worker: Worker,
    private readonly connection: NativeConnection | undefined,
    readonly name: string,
    readonly taskQueue: string,
    readonly identity: string,
    private readonly mcp: McpServers | undefined,
    private readonly live: LiveTextServer | undefined,
    private readonly telemetry: Telemetry | undefined,
  ) {}

  /** Connects to Temporal, starts the MCP servers and creates the worker; `run()` starts polling. */
  static async create(options: AgentWorkerOptions): Promise<AgentWorker> {
    const config = validateOptions(AgentWorkerOptionsSchema, options, 'AgentWorker');
    installRuntime(config.sdkLogLevel);
    const { temporal } = config;
    const given = temporal.connection instanceof NativeConnection ? temporal.connection : undefined;
    const connection =
      given ??
      (await withTimeout(
        NativeConnection.connect({
          address: temporal.address,
          tls: toTlsConfig(temporal.tls),
          apiKey: temporal.apiKey,
        }),
        CONNECT_TIMEOUT_MS,
        () => unreachable(temporal.address),
      ).catch(async (error: unknown) => {
        throw await connectionFailure(temporal, error);
      }));
    const identity = config.identity ?? `${config.name}@${os.hostname()}:${process.pid}`;
    const tools = new Map(config.tools.map((tool) => [tool.name, tool]));
    // MCP tools join `tools` as their servers become ready; a server that fails is reported, not fatal.
    // The MCP SDK (its schemas and validator, ~5 MB of heap) is loaded only by workers with MCP servers.
    const mcp =
      enabledServers(config.mcpServers).length === 0
        ? undefined
        : await (await import('../mcp/mcp-servers.js')).McpServers.start(config.mcpServers, tools, {
            onStatus: config.onMcpServerStatus,
          });
    let live: LiveTextServer | undefined;
    try {
      // OTEL_EXPORTER_OTLP_ENDPOINT set: traces of the runs (OpenTelemetry loads only then).
      const telemetry = await loadTelemetry();
      live =
        config.liveText === false
          ? undefined
          : await LiveTextServer.start({ ...config.liveText, worker: identity });
      const parts = { connection, identity, tools, live, telemetry };
      const worker = await withTimeout(
        withLightWorkflowThreads(async () => Worker.create(await sdkWorkerOptions(config, parts))),
        60_000,
        () =>
          new AgentError(
            'temporal-unreachable',
            `creating the worker on ${temporal.address} took more than 60s`,
          ),
      );
      return new AgentWorker(
        worker,
        given ? undefined : connection,
        config.name,
        config.taskQueue,
        identity,
        mcp,
        live,
        telemetry,
      );
    } catch (error) {
      await live?.close();
      await mcp?.close();
      if (!given) await connection.close().catch(() => undefined);
      if (
        (error as { name?: string }).name === 'NamespaceNotFoundError' ||
        /namespace/i.test(String(error))
      ) {
        throw new AgentError(
          'namespace-not-found',
          `namespace "${temporal.namespace}" does not exist on Temporal at ${temporal.address}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** Polls until `shutdown()`; resolves once in-flight work has been handed back. */
  async run(): Promise<void> {
    const compact = memoryCompaction();
    const stopCompacting = compact && compactWhenIdle({ busy: () => this.busy, compact });
    try {
      await this.worker.run();
    } finally {
      stopCompacting?.();
      await this.live?.close();
      await this.mcp?.close();
      await this.connection?.close().catch(() => undefined);
      await this.telemetry?.flush().catch(() => undefined);
    }
  }

  /** Graceful stop: no new work; attempts in flight fail as retryable so another worker continues them. */
  async shutdown(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
  }

  /** Where followers read answers live (`http://host:port`), or undefined when that is turned off. */
  get liveTextAddress(): string | undefined {
    return this.live?.origin;
  }

  /** Its MCP servers: state (connecting, ready, failed, stopped), tools, and why one failed. */
  get mcpServers(): McpServerStatus[] {
    return this.mcp?.statuses ?? [];
  }

  /** Whether it has a workflow activation or an activity in hand now. */
  private get busy(): boolean {
    const status = this.worker.getStatus();
    return status.numInFlightWorkflowActivations > 0 || status.numInFlightActivities > 0;
  }

  get state(): string {
    return this.worker.getState();
  }
}
