/**
 * What the host and a worker process say to each other. Types only: the worker entry imports them with
 * `import type`, so it runs under plain Node (type stripping) with nothing but `durable-agent`.
 */
import type { ActivityEvent, McpServerStatus } from 'durable-agent';

/** The worker's configuration, passed as JSON in `argv[2]`. Holds no secret. */
export interface WorkerConfig {
  readonly workerId: string;
  readonly label: string;
  readonly agentName: string;
  readonly taskQueue: string;
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly modelBaseUrl: string;
  readonly modelName: string;
  /**
   * The folder of files attached to messages (the host's data folder): a worker on another machine needs it
   * shared or mounted at this path (see docs/attachments.md).
   */
  readonly attachmentFolder?: string;
  /** TLS to an external Temporal; its client key and the API key travel in the environment. */
  readonly temporalTls?: boolean | WorkerTemporalTls;
  /**
   * A standby: started ahead, it connects and creates its worker, reports `standby`, and polls only once the
   * host sends `poll` (it replaces a worker that ended: no start-up to wait for).
   */
  readonly standby?: boolean;
}

/** The plain parts of the worker's TLS to Temporal (PEM text). */
export interface WorkerTemporalTls {
  readonly serverName?: string;
  readonly serverCa?: string;
  readonly clientCert?: string;
}

/** The environment a worker reads: the API key travels only here, never in argv, files or logs. */
export interface WorkerEnvironment {
  readonly DURABLE_AGENT_MODEL_API_KEY?: string;
  /** Temporal's API key and the mTLS client key (PEM), when the connection has them. */
  readonly DURABLE_AGENT_TEMPORAL_API_KEY?: string;
  readonly DURABLE_AGENT_TEMPORAL_CLIENT_KEY?: string;
  /** The MCP servers (`{"<name>": {...}}` as JSON): their env and headers may hold tokens. */
  readonly DURABLE_AGENT_MCP_SERVERS?: string;
  /**
   * The model profiles (`{"<id>": {"baseUrl", "model", "apiKey"?}}` as JSON): a run asks one of them for a
   * model by naming `@<id>/<model>`; only the id travels in the run, the key stays here.
   */
  readonly DURABLE_AGENT_MODEL_PROFILES?: string;
}

/** One model profile as a worker reads it from `DURABLE_AGENT_MODEL_PROFILES`. */
export interface WorkerModelProfile {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
}

export const MODEL_API_KEY_VARIABLE = 'DURABLE_AGENT_MODEL_API_KEY' satisfies keyof WorkerEnvironment;
export const TEMPORAL_API_KEY_VARIABLE = 'DURABLE_AGENT_TEMPORAL_API_KEY' satisfies keyof WorkerEnvironment;
export const TEMPORAL_CLIENT_KEY_VARIABLE =
  'DURABLE_AGENT_TEMPORAL_CLIENT_KEY' satisfies keyof WorkerEnvironment;
export const MCP_SERVERS_VARIABLE = 'DURABLE_AGENT_MCP_SERVERS' satisfies keyof WorkerEnvironment;
export const MODEL_PROFILES_VARIABLE = 'DURABLE_AGENT_MODEL_PROFILES' satisfies keyof WorkerEnvironment;

/** Worker → host. */
export type WorkerReport =
  | { readonly type: 'ready'; readonly identity: string }
  /** A standby is connected and created: a `poll` makes it `ready` at once. */
  | { readonly type: 'standby'; readonly identity: string }
  | { readonly type: 'activity'; readonly event: ActivityEvent }
  /** One of its MCP servers changed (connecting, ready with its tools, failed with why, stopped). */
  | { readonly type: 'mcp-status'; readonly status: McpServerStatus }
  | { readonly type: 'stopping' }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Host → worker: `shutdown` is the graceful stop (like SIGTERM, which works too where signals exist);
 * `poll` makes a standby start polling.
 */
export type WorkerCommand = { readonly type: 'shutdown' } | { readonly type: 'poll' };
