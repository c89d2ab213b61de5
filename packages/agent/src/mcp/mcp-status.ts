import { assertNever } from '../common/errors';

/** One tool of an MCP server, as the worker offers it to the model. */
export interface McpToolInfo {
  /** The name the model calls: `<server>_<tool>`. */
  readonly name: string;
  /** The tool's own name on its server; Temporal's UI shows calls as `<server>.<tool>`. */
  readonly serverTool: string;
  readonly title?: string;
  readonly description: string;
  /** Asks a person first under the default policy: the server does not mark it read-only. */
  readonly requiresApproval: boolean;
}

/**
 * `connecting` (starting, or restarting after it died: `error` says why), `ready`, `failed` (will not be
 * tried again until the worker restarts: `error` says why), `stopped` (closed by the worker).
 */
export type McpServerState = 'connecting' | 'ready' | 'failed' | 'stopped';

/** What a worker knows about one of its MCP servers; plain data (the app shows it). */
export interface McpServerStatus {
  readonly name: string;
  readonly transport: 'stdio' | 'http';
  /** The command line, or the URL. */
  readonly target: string;
  readonly state: McpServerState;
  /** The tools of a ready server (while it restarts: the ones it had). */
  readonly tools: readonly McpToolInfo[];
  readonly error?: string;
  /** While restarting: when the next attempt starts. */
  readonly retryInMs?: number;
  /** The MCP revision the server speaks (`2026-07-28`, `2025-11-25`…), once it has been connected. */
  readonly protocolVersion?: string;
  /** The process of a stdio server that is running (the guard that holds the server's process group). */
  readonly pid?: number;
}

/** One line about a server, e.g. `files: ready (14 tools, MCP 2025-11-25)` or `files: failed — command not found`. */
export function describeServerStatus(status: McpServerStatus): string {
  const { name, state, tools, error } = status;
  switch (state) {
    case 'ready':
      return `${name}: ready (${tools.length} tool${tools.length === 1 ? '' : 's'}${status.protocolVersion ? `, MCP ${status.protocolVersion}` : ''})`;
    case 'connecting':
      return error
        ? `${name}: restarting${status.retryInMs === undefined ? '' : ` in ${Math.round(status.retryInMs / 100) / 10}s`} — ${error}`
        : `${name}: connecting to ${status.target}`;
    case 'failed':
      return `${name}: failed (${status.target}) — ${error ?? 'no reason given'}`;
    case 'stopped':
      return `${name}: stopped`;
    default:
      return assertNever(state);
  }
}
