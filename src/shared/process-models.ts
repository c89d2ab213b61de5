/**
 * The app's processes as the host reports them to the UI: its worker processes, its Temporal server and
 * the notices it shows until they are resolved. Plain, JSON-serializable data (re-exported by models.ts).
 */
import type { ActivityEvent, McpServerStatus } from 'durable-agent';

export type WorkerStatus =
  | { readonly state: 'starting' }
  | { readonly state: 'ready' }
  | { readonly state: 'stopping' }
  | { readonly state: 'exited'; readonly code: number | null; readonly signal: string | null };

/** What a worker executes right now (from its activity reports). */
export interface WorkerActivity {
  readonly workflowId: string;
  /** Temporal's run id of the workflow execution. */
  readonly workflowRunId?: string;
  /** Temporal's activity id: with the workflow id, what the host fails it by when the process dies. */
  readonly activityId?: string;
  readonly runId: string;
  readonly attempt: number;
  readonly activity: ActivityEvent['activity'];
}

export interface WorkerInfo {
  readonly id: string;
  /** `Worker 1`, `Worker 2`… */
  readonly label: string;
  readonly taskQueue: string;
  /** The OS process id while the process exists. */
  readonly pid?: number;
  /** Its identity with Temporal while its process polls (the `worker` each attempt's first event names). */
  readonly identity?: string;
  readonly status: WorkerStatus;
  /** When the current process started (uptime = now − startedAt). */
  readonly startedAt?: string;
  readonly exitedAt?: string;
  readonly current?: WorkerActivity;
  /** The last error the worker reported (e.g. Temporal unreachable). */
  readonly lastError?: string;
  /** It ended by itself (not a Stop or Kill): when the supervisor starts it again. */
  readonly restartAt?: string;
  /** Its MCP servers as it last reported them (while its process runs). */
  readonly mcpServers?: readonly McpServerStatus[];
  /** Its standby process (started ahead; `ready` once connected and created), which Start or Restart promote. */
  readonly standby?: { readonly pid?: number; readonly ready: boolean };
}

export type TemporalState = 'starting' | 'ready' | 'unreachable' | 'stopped';

export interface TemporalStatus {
  readonly address: string;
  readonly namespace: string;
  /** The Temporal Web UI, when known (embedded server with a UI). */
  readonly webUiUrl?: string;
  readonly state: TemporalState;
  /** `embedded`: the app's own dev server (or one it reused); `external`: an address from settings. */
  readonly source: 'embedded' | 'external';
  readonly error?: string;
  /** What a first start is doing to get Temporal going: getting its CLI (downloading 40%, building…). */
  readonly progress?: string;
  /** Set while Temporal is down (unreachable, then starting again): when it went away. Cleared once ready. */
  readonly downSince?: string;
  /** How often the app restarted its embedded dev server after it exited unexpectedly. */
  readonly restarts: number;
  /** The embedded dev server's process id, when the app started it (not when reused or external). */
  readonly pid?: number;
  /**
   * One line about the embedded server's own log, once it has warned: counts of warnings and errors, the
   * last one and where the log file is (`Temporal logged 3 warnings and 0 errors — last: … (full log: …)`).
   */
  readonly logSummary?: string;
}

/**
 * Something the host tells the user until it is dismissed or resolved: the history moved aside, saving
 * failing (a full disk), the API key removed because the base URL moved to another origin.
 */
export interface HostNotice {
  /** Stable per cause (`history-saving`…): a notice of the same cause replaces the earlier one. */
  readonly id: string;
  readonly tone: 'warning' | 'error';
  readonly text: string;
  readonly at: string;
}
