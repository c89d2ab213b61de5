/**
 * Plain data shared by the host (Electron main or web mode), the preload and the renderer. Everything
 * here is JSON-serializable and readonly; times are ISO 8601 strings.
 */
import type {
  AgentEvent,
  AgentMode,
  ApprovalPolicy,
  PendingApproval as LibraryPendingApproval,
  ModelPrice,
  Usage,
} from 'durable-agent';
import type { AttachmentReference, RunView, RunViewToolCall } from 'durable-agent/run-view';

/**
 * Usage of a conversation or run (the library's `RunViewUsage`): prompt, completion and total are the
 * answers' own tokens (the same whether or not a retry happened); tokens of attempts that failed and were
 * retried, and of calls a Stop cut short, are apart. Absent in usage stored before they were split.
 */
export interface UsageTotals extends Usage {
  readonly failedAttemptTokens?: number;
  readonly stoppedTokens?: number;
  /** @deprecated `failedAttemptTokens + stoppedTokens`. */
  readonly wastedTokens: number;
}

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly messageCount: number;
  /** Summed over every run of the conversation, regenerated and failed ones included. */
  readonly usage: UsageTotals;
  /** The run still going in this conversation, if any (its `RunInfo.id`). */
  readonly activeRunId?: string;
  /** Its own system prompt (absent: the default of Settings). */
  readonly systemPrompt?: string;
  /** Its own model (absent: the model of Settings). */
  readonly model?: string;
  /** Its model profile (absent: the endpoint of Settings) and fallback profile (absent: none). */
  readonly modelProfileId?: string;
  readonly fallbackProfileId?: string;
  /** Its budget over all its runs (absent: none). */
  readonly budget?: ConversationBudget;
}

/** A conversation's limits over all its runs (null: no limit of that kind). */
export interface ConversationBudget {
  readonly maxTokens: number | null;
  readonly maxCostUsd: number | null;
  readonly maxToolCalls: number | null;
}

/** A conversation's own settings; null = the default of Settings. */
export interface ConversationSettings {
  readonly systemPrompt: string | null;
  readonly model: string | null;
  readonly modelProfileId?: string | null;
  readonly fallbackProfileId?: string | null;
  readonly budget?: ConversationBudget | null;
}

/** What "Test connection" found, in words: reachable, the key accepted, the model there. */
export interface ModelConnectionCheck {
  readonly ok: boolean;
  readonly message: string;
}

export interface ConversationSearchHit {
  readonly conversation: ConversationSummary;
  /** A short excerpt around the first match (title or message text). */
  readonly snippet: string;
}

export type MessageRole = 'user' | 'assistant';

/** `interrupted`: stopped by the user (partial text kept); `failed`: the run ended in an error. */
export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'failed';

export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
}

/** A tool the model called while producing an answer (the run view's, without its message id). */
export type ToolCallRecord = Omit<RunViewToolCall, 'messageId'>;

export interface ChatMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly role: MessageRole;
  /** Markdown. For a streaming message: the text so far, older attempts' text already dropped. */
  readonly text: string;
  readonly status: MessageStatus;
  /** The run that produced (assistant) or was started by (user) this message. */
  readonly runId?: string;
  /** Attempt of the model call currently shown (2+ after a retry). */
  readonly attempt: number;
  /** Set once the run has ended (assistant messages only). */
  readonly usage?: UsageTotals;
  readonly error?: ErrorInfo;
  /** Tools the answer used, in call order (older attempts' unfinished calls already dropped). */
  readonly toolCalls?: readonly ToolCallRecord[];
  /** The message this one follows in the conversation's tree (absent for a first prompt). */
  readonly parentId?: string;
  /**
   * When the message has other versions (an edited prompt, a regenerated answer): the ids of all of them,
   * itself included, oldest first. Absent for a message with one version.
   */
  readonly versionIds?: readonly string[];
  /** Files attached to a user message, by reference (content in the data folder's `attachments`). */
  readonly attachments?: readonly AttachmentReference[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An upload in progress (`addAttachment`): its id, and the stored file's reference after the final part. */
export interface AttachmentUpload {
  readonly uploadId: string;
  readonly reference?: AttachmentReference;
}

/**
 * Following a run is not live: `reconnecting` — Temporal cannot be reached (nothing is decided meanwhile);
 * `other-temporal` — the run lives on a Temporal the app is not connected to now.
 */
export interface RunFollowing {
  /** `worker-lost`: an attempt's worker went silent and no supervisor failed it: Temporal's heartbeat timeout will. */
  readonly kind: 'reconnecting' | 'other-temporal' | 'worker-lost';
  readonly message: string;
  readonly since?: string;
}

export interface RunInfo {
  /** The run id (a UUID); the key of every run verb. */
  readonly id: string;
  /** Temporal workflow id `<agent>/<conversationId>/<runId>` (link to the Temporal Web UI). */
  readonly workflowId: string;
  readonly conversationId: string;
  readonly assistantMessageId: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  /** What the run's events show: the library's reducer folds them, here and in the renderer. */
  readonly view: RunView;
  /** Set while following is not live. */
  readonly following?: RunFollowing;
  /** An attempt one of our workers lost (killed or stopped) before Temporal handed it on. */
  readonly lostAttempt?: number;
}

/** Events of a run as they arrive, in seq order: the renderer folds them into `RunInfo.view`. */
export interface RunEventBatch {
  readonly conversationId: string;
  readonly runId: string;
  readonly events: readonly AgentEvent[];
}

export type TimelineKind =
  | 'submitted'
  | 'worker-check'
  | 'worker-found'
  | 'attempt-started'
  | 'worker-lost'
  | 'attempt-reset'
  | 'approval-asked'
  | 'approval-answered'
  | 'sub-agent'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'budget'
  | 'budget-exhausted'
  | 'steer'
  | 'compacted'
  | 'continued';

export interface TimelineEntry {
  readonly id: number;
  readonly runId: string;
  readonly conversationId: string;
  readonly kind: TimelineKind;
  readonly at: string;
  /** One human sentence, e.g. `model call, attempt 2, started on Worker 1 (pid 4242)`. */
  readonly detail: string;
  readonly workerId?: string;
  readonly attempt?: number;
}

export * from './process-models';

/** The approval policies Settings offers (the library's, without an allowlist). */
export type ApprovalPolicySetting = Extract<ApprovalPolicy, string>;

/** Each run's budget (null: no limit); at a limit the run ends as budget-exhausted, or asks (`ask`). */
export interface BudgetSettings {
  readonly maxTokens: number | null;
  readonly maxCostUsd: number | null;
  readonly maxToolCalls: number | null;
  readonly onLimit: 'stop' | 'ask';
}

/** The app's settings as the UI sees them: the API key itself is never sent back, only `hasApiKey`. */
export interface Settings {
  /** OpenAI-compatible base URL; empty = the offline demo model. */
  readonly modelBaseUrl: string;
  readonly modelName: string;
  readonly hasApiKey: boolean;
  /** The system prompt of conversations that have none of their own; '' = none. */
  readonly systemPrompt: string;
  readonly mode: AgentMode;
  /** Run timeout (and worker-check window); null = the mode's default (5 min / 60 min). */
  readonly timeoutMs: number | null;
  readonly taskQueue: string;
  readonly approvalPolicy: ApprovalPolicySetting;
  readonly budget: BudgetSettings;
  /** USD per million tokens by model (`*`: any other), over the built-in prices; budgets and meters use it. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
  /** `host:port` of an external Temporal; null = the embedded dev server. */
  readonly temporalAddress: string | null;
}

/** A tool call waiting for Approve / Reject (from the run's view), with the run it belongs to. */
export interface PendingApproval extends LibraryPendingApproval {
  readonly runId: string;
  readonly conversationId: string;
}

export interface ConversationDetail {
  readonly conversation: ConversationSummary;
  readonly messages: readonly ChatMessage[];
  readonly runs: readonly RunInfo[];
  readonly timeline: readonly TimelineEntry[];
}

export interface SentMessage {
  readonly conversation: ConversationSummary;
  readonly userMessage: ChatMessage;
  readonly assistantMessage: ChatMessage;
  readonly run: RunInfo;
}
