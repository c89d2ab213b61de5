/** Plain data shared by workflow, activities and client. Everything here must stay serializable. */

import type { AttachmentReference } from './attachment-reference';
import type { BudgetBreach, BudgetSpend, RunBudget } from './budget';
import type { RunContinuation } from './run-continuation';
import type { UsageBreakdown } from './run-usage';

/** Tokens a model call (or a sum of them) spent. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text of the arguments, as the model produced it. */
  readonly arguments: string;
}

/** One message of a conversation, in the shape chat models take. */
export type ConversationMessage =
  | {
      readonly role: 'user';
      readonly content: string;
      /** Files attached to the message, by reference (their content stays in the attachment folder). */
      readonly attachments?: readonly AttachmentReference[];
    }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | {
      readonly role: 'tool';
      readonly content: string;
      readonly toolCallId: string;
      readonly toolName: string;
    };

/**
 * How tool calls are approved: `tool-defined` (default) asks for tools defined with `requiresApproval`;
 * `require-all` asks for every tool call; `auto` asks for none; `{ allowlist }` asks for every tool not listed.
 */
export type ApprovalPolicy =
  | 'tool-defined'
  | 'require-all'
  | 'auto'
  | { readonly allowlist: readonly string[] };

/** `interactive`: a worker check at submission and a 5 min run timeout; `autonomous`: no check, 60 min, the run waits in the queue. */
export type AgentMode = 'interactive' | 'autonomous';

/** The configuration snapshot a run carries; the worker supplies the rest (secrets, tool code). */
export interface RunConfig {
  /** Instructions replacing the worker's own. */
  readonly instructions?: string;
  /** A model name the worker must have; omitted = the worker's model. */
  readonly model?: string;
  /**
   * The models to try in order, `[primary, ...fallbacks]` (`model` is the first): a model call that fails
   * for good on one (after its retries, or at once on 401 / 404 / model not found) moves to the next.
   */
  readonly models?: readonly string[];
  /** The answer must be JSON matching this schema (structured output); see `OutputSpecification`. */
  readonly output?: OutputSpecification;
  /** The tools the run may use; omitted = every tool of the worker. */
  readonly tools?: readonly string[];
  readonly approvalPolicy: ApprovalPolicy;
  readonly approvalTimeoutMs: number;
  readonly maxIterations: number;
  readonly heartbeatTimeoutMs: number;
  /** Interval at which streamed text is batched into one event (the first delta is sent at once). */
  readonly streamBatchMs: number;
  /** Instructions added to the agent's (e.g. an AG-UI client's context). */
  readonly context?: string;
  /**
   * Tools the client executes itself (AG-UI frontend tools): the model may call them, and the run then
   * ends with those calls pending, for the client to answer in the next run of the conversation.
   */
  readonly clientTools?: readonly ClientToolSpecification[];
  /** Limits on what the run (and its conversation) may spend, and what happens at a limit. */
  readonly budget?: RunBudget;
  /** Tools a person chose to always allow in this conversation: their calls need no approval. */
  readonly alwaysAllowedTools?: readonly string[];
  /** The model's context window in tokens: older turns are compacted before the input outgrows it. */
  readonly contextWindow?: number;
  /**
   * History events after which the run continues as new between two model rounds (also when Temporal
   * suggests it, or past `CONTINUE_AS_NEW_HISTORY_BYTES`); absent: `CONTINUE_AS_NEW_HISTORY_EVENTS`.
   */
  readonly continueAsNewAfterEvents?: number;
}

/** Structured output: what the model is asked for (`response_format: json_schema`) and checked against. */
export interface OutputSpecification {
  /** A name for the schema (OpenAI's `json_schema.name`). */
  readonly name: string;
  /** A JSON Schema (draft 2020-12 or 07). */
  readonly schema: Record<string, unknown>;
  /** Answers the model may give in all before the run fails with `invalid-output` (each failed one goes back to it with the validation errors). */
  readonly maxAttempts: number;
}

/** A client-side tool as the model sees it: a name, a description and JSON Schema parameters. */
export interface ClientToolSpecification {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

/** An agent another agent can delegate to (see `defineAgentTool`); plain data, so it travels in history. */
export interface SubAgentSpec {
  readonly name: string;
  readonly instructions: string;
  /** Tools (or agents) of the worker it may use. */
  readonly tools: readonly string[];
}

/** The input of one run's workflow: the transcript before it, the prompt, and a snapshot of the agent's configuration. */
export interface AgentRunInput {
  readonly agentName: string;
  readonly threadId: string;
  readonly runId: string;
  /** The conversation so far, ending with the new user message. */
  readonly messages: readonly ConversationMessage[];
  /**
   * How many of `messages`, at the end, this run adds to the conversation: results of client-side tool
   * calls, then the user's prompt (if any). Absent means 1, the prompt.
   */
  readonly addedMessages?: number;
  readonly config: RunConfig;
  /** How many agents delegated down to this run: 0 (or absent) for a run a client started. */
  readonly depth?: number;
  /** Present when the run continued as new: where it stood (see `RunContinuation`). */
  readonly continued?: RunContinuation;
  /**
   * The run's format (`RUN_FORMAT`), set by the client that starts it; absent in runs started before
   * formats (they record a patch for each feature). A run that continues as new keeps it.
   */
  readonly format?: number;
}

/** Usage of one attempt of one model call (`round` is the call's number); failed attempts count too. */
export interface AttemptUsage extends Usage {
  readonly round: number;
  readonly attempt: number;
  /** The model the attempt called (absent in runs from before fallback models). */
  readonly model?: string;
  readonly outcome: 'completed' | 'failed' | 'cancelled';
}

/** How a run ended; `budget-exhausted`: a budget limit ended it (see `AgentRunResult.budget`), not a failure. */
export type RunStatus = 'completed' | 'cancelled' | 'failed' | 'budget-exhausted';

export interface RunError {
  readonly message: string;
  readonly code: string;
}

/** How a run ended: its status, final text and messages, usage (failed attempts included), attempts and rounds. */
export interface AgentRunResult {
  readonly status: RunStatus;
  /** The last assistant text: the answer, or the partial text of an interrupted or failed run. */
  readonly text: string;
  /** Messages this run adds after the user's prompt: the assistant's and the tools'. */
  readonly messages: readonly ConversationMessage[];
  /** Everything the run spent: `usageBreakdown`'s answer + failed attempts + stopped (+ its sub-agents'). */
  readonly usage: Usage;
  /**
   * The same tokens by what they bought: `answer` (the attempt of each model call the run kept — the same
   * whether or not a retry happened), `failedAttempts` (retried), `stopped` (cut short by a user's Stop).
   */
  readonly usageBreakdown: UsageBreakdown;
  /** Each attempt of each model call (`round` = the call's number, `attempt` = its attempt), failed ones too. */
  readonly usageByAttempt: readonly AttemptUsage[];
  /** Model calls the run made, one per round (a tool run makes 2); a retried call is still one call. */
  readonly modelCalls: number;
  /** Attempts beyond each call's first, over all calls: 0 when nothing failed. */
  readonly retries: number;
  /** Usage per model called (failed attempts included), when the attempts recorded their model. */
  readonly usageByModel?: Readonly<Record<string, Usage>>;
  /** The structured output (with `config.output`): the answer parsed, valid against the schema. */
  readonly output?: unknown;
  /** @deprecated Attempts over all model calls (`modelCalls + retries`); read `modelCalls` and `retries`. */
  readonly attempts: number;
  /** @deprecated The same as `modelCalls`. */
  readonly rounds: number;
  readonly error?: RunError;
  /** The sub-agent runs this run delegated to, in order; their usage is included in `usage`. */
  readonly subAgents?: readonly SubAgentRunSummary[];
  /** What the run spent, in the units of budget limits (present when the run had a budget). */
  readonly spend?: BudgetSpend;
  /** The limit that ended a `budget-exhausted` run. */
  readonly budget?: BudgetBreach;
  /** Tools a person chose, in this run, to always allow in the conversation. */
  readonly alwaysAllowedTools?: readonly string[];
  /**
   * Long texts the workflow's result leaves out (their place in `messages`, and `text` for the answer, is
   * empty): the run's events hold them, once. The client fills them in from the run's history; a result
   * read through `Agent` never has this.
   */
  readonly textsInEvents?: readonly TextInEvents[];
}

/** A long text of a run, held by its TEXT_MESSAGE_CONTENT events (of that message's attempt), not its result. */
export interface TextInEvents {
  /** Index in the result's `messages` of the assistant message it is the content of. */
  readonly messageIndex: number;
  readonly messageId: string;
  readonly attempt: number;
  readonly characters: number;
  /** It is also the result's `text`. */
  readonly answer: boolean;
}

/** One delegation to a sub-agent: its child workflow and what it used (its own sub-agents included). */
export interface SubAgentRunSummary {
  readonly agentName: string;
  readonly toolCallId: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly text: string;
  readonly usage: Usage;
  readonly attempts: number;
  readonly rounds: number;
}

/** What the workflow returns: the result plus the run's event log, so late readers can replay it. */
export interface AgentRunOutput {
  readonly result: AgentRunResult;
  /** Wire items of the Workflow Streams log (base64 payloads), in offset order from `logBaseOffset`. */
  readonly log: readonly { readonly topic: string; readonly data: string }[];
  readonly logBaseOffset: number;
}

/** A tool call waiting for a person's approval: which tool, with which arguments, until when. */
export interface PendingApproval {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly arguments: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  /** Why it needs approval (a tool's `requiresApproval` function, or a budget question), for the approver. */
  readonly reason?: string;
}

/** An answer to a tool call waiting for approval: approved or not, and why. */
export interface ApprovalDecision {
  readonly approved: boolean;
  readonly reason?: string;
  /** Approve this call and every later call of the tool in this conversation. */
  readonly alwaysAllow?: boolean;
}

/**
 * How an approval was decided: by a person, by its expiry, or by a Stop of the run; with the record of
 * who decided (`decider`, the answering client's identity) and when (`decidedAt`, workflow time).
 */
export interface ApprovalOutcome extends ApprovalDecision {
  readonly decidedBy: 'user' | 'timeout' | 'cancel';
  readonly decider?: string;
  readonly decidedAt?: string;
}

export const ZERO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
