import type { LiveTextAddress, PublishedEvent } from './event-builders';
import type { AttemptUsage, ConversationMessage, RunConfig, SubAgentSpec, ToolCall, Usage } from './types';

export interface InvokeModelStreamingInput {
  readonly agentName: string;
  readonly threadId: string;
  readonly runId: string;
  readonly round: number;
  /** The assistant message this round produces; stable across attempts. */
  readonly messageId: string;
  /**
   * What the model reads: the whole conversation, or — when `earlierMessages` is set — the messages after
   * those: the run's own input messages when they are small (see `modelCallMessages`), then the messages
   * the run produced so far.
   */
  readonly messages: readonly ConversationMessage[];
  /**
   * The conversation before this call's `messages`, by reference: the first `count` messages of the run's
   * workflow input, which the activity reads from the run's history (so the conversation is in history
   * once, not once per model round). Absent when there is nothing before `messages`, and in inputs of runs
   * started before the lean-history patch.
   */
  readonly earlierMessages?: EarlierMessages;
  /**
   * The summary of the turns before these messages, when older turns were compacted: the model reads it
   * first, as a user message under `SUMMARY_HEADING`. Absent for a run that has not compacted.
   */
  readonly compactedSummary?: string;
  /**
   * The workflow publishes `lastEvents` of the output: the stream's last events ride in the result instead
   * of a last signal. Absent in inputs of runs started before the lean-history patch.
   */
  readonly lastEventsInResult?: boolean;
  /**
   * A worker that shuts down gracefully hands the call back in its result (`handedOver`) instead of failing
   * it, and the workflow calls again at once, on another worker: Temporal waits at least a second before a
   * retry. Absent in inputs of runs started before the lean-history patch.
   */
  readonly handOverOnShutdown?: boolean;
  /**
   * A text longer than `TEXT_BY_REFERENCE_CHARACTERS` is not returned (`textInEvents` instead): the
   * workflow reads it from its own event log. Absent in inputs of runs started before that.
   */
  readonly textByReference?: boolean;
  /**
   * The live address the workflow reserved for this call's first attempt (with a local activity on the
   * worker that completes the task scheduling it) and named in the TEXT_MESSAGE_START it published.
   */
  readonly liveReservation?: LiveTextAddress;
  /** The round's attempts before this call, when the previous call was handed over. */
  readonly handedOverAttempts?: HandedOverAttempts;
  readonly config: RunConfig;
  /** The model this call asks, one of `config.models` (absent: `config.model`). */
  readonly model?: string;
  /**
   * This round's earlier answers that did not match `config.output`, with their validation errors: the
   * model reads each answer and the errors after the messages, and answers again.
   */
  readonly outputCorrections?: readonly OutputCorrection[];
  /** The run's tools, fixed by its first model call (absent in runs from before that list existed). */
  readonly runTools?: readonly RunTool[];
  /**
   * The run's first model call: the worker lists the run's tools, offers them, and returns the list in
   * `listedTools` (recorded with the result, so later rounds and replays never depend on what a worker
   * offers then). Runs from before this listed them with the `listTools` activity.
   */
  readonly listRunTools?: boolean;
}

/** One tool a run may use, as listed by its first model call and recorded in its history. */
export interface RunTool {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments, as the model sees it. */
  readonly parameters: Record<string, unknown>;
  readonly requiresApproval: boolean;
  /** The tool decides per call (its `requiresApproval` is a function): each planned call says. */
  readonly conditionalApproval?: boolean;
  /** How Temporal's UI names the tool's calls: `<server>.<tool>` for an MCP tool, else the name. */
  readonly label: string;
}

export interface ListToolsInput {
  readonly agentName: string;
  /** The run's `config.tools`: tool (and sub-agent) names, or undefined for every tool of the worker. */
  readonly tools?: readonly string[];
}

/** An answer that did not match the run's output schema, and why. */
export interface OutputCorrection {
  readonly answer: string;
  readonly errors: readonly string[];
}

export interface ListToolsOutput {
  readonly tools: readonly RunTool[];
  /** The run's sub-agents (see `defineAgentTool`), by name. */
  readonly agents?: readonly string[];
}

/** Where the messages before a model round's own are (see `InvokeModelStreamingInput.earlierMessages`). */
export interface EarlierMessages {
  readonly from: 'workflow-input';
  /** The input's messages up to (not including) this index. */
  readonly count: number;
  /** The first of them the call reads (absent: 0); those before were compacted into a summary. */
  readonly start?: number;
}

/** Older turns of a run's model input to summarise (see `compactMessages`). */
export interface CompactMessagesInput {
  readonly agentName: string;
  readonly threadId: string;
  readonly runId: string;
  readonly config: RunConfig;
  /** The model that summarises: the run's current one (absent: `config.model`). */
  readonly model?: string;
  /** The summary of the turns before these, which the new summary replaces. */
  readonly previousSummary?: string;
  /** The turns to summarise that are in the run's workflow input (by reference, like a model call's). */
  readonly earlierMessages?: EarlierMessages;
  /** The turns to summarise after those: the run's own, in order. */
  readonly messages: readonly ConversationMessage[];
  /** The model's context window in tokens: each summarisation request stays within it. */
  readonly contextWindow: number;
}

export interface CompactMessagesOutput {
  readonly summary: string;
  /** Tokens the summarisation requests used, all together. */
  readonly usage: Usage;
  /** How many summarisation requests it took (long input is summarised in parts, each added to the summary). */
  readonly requests: number;
}

/** A tool call the model asked for, with what the worker knows about the tool. */
export interface PlannedToolCall extends ToolCall {
  readonly requiresApproval: boolean;
  /** Why this call needs approval, when the tool's `requiresApproval` function said (shown to the approver). */
  readonly approvalReason?: string;
  /** Set when the tool is a sub-agent: the workflow starts a child run instead of calling a tool. */
  readonly agent?: SubAgentSpec;
  /** A client-side tool (`config.clientTools`): the run ends with this call pending for the client. */
  readonly clientSide?: boolean;
}

export interface InvokeModelStreamingOutput {
  /** The answer's text; empty when `textInEvents` says it is in the run's events instead. */
  readonly text: string;
  /**
   * With `textByReference`, for a long text: `text` is left out; the run's TEXT_MESSAGE_CONTENT events of
   * this call's message and attempt (published by then) hold its `characters`.
   */
  readonly textInEvents?: { readonly characters: number };
  readonly toolCalls: readonly PlannedToolCall[];
  /** Usage of the attempt that succeeded. */
  readonly usage: Usage;
  readonly attempt: number;
  /** Usage of this round's earlier attempts that were lost or failed (estimated for a killed worker). */
  readonly failedAttempts: readonly AttemptUsage[];
  /** True when the run was stopped during the call: `text` is the partial text. */
  readonly interrupted: boolean;
  /** The stream's events not published yet (with `lastEventsInResult`): the workflow publishes them. */
  readonly lastEvents?: readonly PublishedEvent[];
  /** The worker shut down during the call and handed it back (see `handOverOnShutdown`): call again. */
  readonly handedOver?: boolean;
  /** The run's tools, as this call listed and offered them (with `listRunTools`). */
  readonly listedTools?: ListToolsOutput;
  /** The model that answered (prices the round's tokens against a budget; absent in results from before fallback models). */
  readonly model?: string;
  /** Why the answer does not match `config.output` (absent when it does, or when there is no schema). */
  readonly outputErrors?: readonly string[];
}

/** A round's attempts so far, passed on when a call is handed over to the next one. */
export interface HandedOverAttempts {
  /** How many: the next call's attempts count on from there. */
  readonly count: number;
  readonly failed: readonly AttemptUsage[];
  /** Why the last one ended (shown in the next attempt's `attempt-reset`). */
  readonly reason: string;
  /** The last attempt's usage was published already (an answer rejected by the output schema). */
  readonly usageReported?: boolean;
  /**
   * How many attempts the next call may make (default: a model call's maximum): the rest, when attempts
   * that never started are made again (see `workflow/unstarted-attempts.ts`).
   */
  readonly attemptsLeft?: number;
}

export interface CallToolInput {
  readonly threadId: string;
  readonly runId: string;
  readonly toolCall: ToolCall;
}

export interface CallToolOutput {
  readonly content: string;
  readonly isError: boolean;
}

/** The activities of an agent worker, as the workflow sees them. */
export interface AgentActivities {
  invokeModelStreaming(input: InvokeModelStreamingInput): Promise<InvokeModelStreamingOutput>;
  callTool(input: CallToolInput): Promise<CallToolOutput>;
  listTools(input: ListToolsInput): Promise<ListToolsOutput>;
  compactMessages(input: CompactMessagesInput): Promise<CompactMessagesOutput>;
  reserveLiveText(): Promise<LiveTextReservation | null>;
}

/** A live address reserved on the worker running the workflow task, and that worker's identity. */
export interface LiveTextReservation {
  readonly address: LiveTextAddress;
  readonly worker: string;
}
