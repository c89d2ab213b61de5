/**
 * A run's view: everything a reader shows of a run, as one plain, serializable value. Built by the one
 * reducer (`applyRunEvent`) from the run's events; the host, the CLI and the renderer all use it.
 * Browser-safe: no Node built-ins.
 */
import type { BudgetLimitName, BudgetLimits, BudgetSpend } from '../common/budget';
import type { PendingApproval, RunError, RunStatus, Usage } from '../common/types';

/**
 * Where a run is: `waiting-for-worker` (interactive worker check in progress), `retrying` (an attempt was
 * lost and the next one has not produced text yet), `awaiting-approval` (a tool call waits for a decision).
 */
export type RunPhase =
  | 'submitted'
  | 'waiting-for-worker'
  | 'streaming'
  | 'retrying'
  | 'awaiting-approval'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'budget-exhausted';

/** The phases a run ends in. */
export const FINISHED_PHASES: readonly RunPhase[] = ['completed', 'failed', 'cancelled', 'budget-exhausted'];

/** One assistant message (one model round); `attempt` is the attempt whose text it holds. */
export interface RunViewMessage {
  readonly messageId: string;
  readonly text: string;
  readonly attempt: number;
}

/** A tool call the model made; `result` is set once the tool has returned. */
export interface RunViewToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text of the arguments, as streamed so far. */
  readonly arguments: string;
  readonly messageId: string;
  readonly result?: string;
}

/**
 * A run's tokens so far. `promptTokens`, `completionTokens` and `totalTokens` are the **answer's own**: the
 * attempt of each model call whose output the run kept, so they read the same whether or not a retry
 * happened. Prompt tokens are sent with every model call: the instructions, the whole conversation so far
 * and the tool definitions (a tool run's second call sends them again, with the tool's result). Tokens
 * spent on attempts that did not become the answer are apart, by cause.
 */
export interface RunViewUsage extends Usage {
  /** Attempts that failed and were retried (a lost worker, a model error); estimated when one did not finish. */
  readonly failedAttemptTokens: number;
  /** The model call a user's Stop cut short. */
  readonly stoppedTokens: number;
  /** @deprecated `failedAttemptTokens + stoppedTokens`. */
  readonly wastedTokens: number;
}

/** An interactive run waiting for a worker on its task queue, and until when. */
export interface RunViewWorkerWait {
  readonly taskQueue: string;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
}

/** What happened in a run, in order: the lines of a timeline (one per event that matters, not per token). */
export type RunMilestone = { readonly seq: number } & (
  | { readonly kind: 'worker-waiting'; readonly taskQueue: string; readonly timeoutMs: number }
  | { readonly kind: 'worker-found'; readonly taskQueue: string; readonly elapsedMs: number }
  | { readonly kind: 'worker-timed-out'; readonly taskQueue: string; readonly timeoutMs: number }
  | {
      readonly kind: 'attempt-started';
      readonly messageId: string;
      readonly attempt: number;
      /** The identity of the worker that runs the attempt (absent in runs recorded before it was named). */
      readonly worker?: string;
    }
  | {
      readonly kind: 'attempt-reset';
      readonly messageId: string;
      readonly attempt: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'tool-called';
      readonly toolCallId: string;
      readonly name: string;
      readonly arguments: string;
    }
  | {
      readonly kind: 'tool-result';
      readonly toolCallId: string;
      readonly name: string;
      readonly content: string;
    }
  | { readonly kind: 'approval-requested'; readonly approval: PendingApproval }
  | {
      readonly kind: 'approval-resolved';
      readonly toolCallId: string;
      readonly approved: boolean;
      readonly reason?: string;
      readonly decidedBy: 'user' | 'timeout' | 'cancel';
      /** The deciding client's identity, and when it decided. */
      readonly decider?: string;
      readonly decidedAt?: string;
      readonly alwaysAllow?: boolean;
    }
  | ({ readonly kind: 'budget-reached' } & RunViewBudgetReached)
  | {
      readonly kind: 'steer-received';
      readonly steerId: string;
      readonly text: string;
      readonly from?: string;
    }
  | {
      /** Older turns of the model's input were summarised to fit its context window ("summary of earlier turns"). */
      readonly kind: 'context-compacted';
      readonly summary: string;
      readonly summarizedMessages: number;
      readonly keptMessages: number;
      readonly reason: 'estimate' | 'refused';
      readonly contextWindow: number;
      readonly tokensBefore: number;
      readonly tokensAfter: number;
    }
  | {
      /** The run's history grew long: it went on in the next Temporal run of its workflow's chain. */
      readonly kind: 'continued-as-new';
      /** Which Temporal run of the chain goes on (2 after the first continuation). */
      readonly temporalRun: number;
      /** History events and bytes of the Temporal run that ended. */
      readonly historyEvents: number;
      readonly historyBytes: number;
      readonly reason: 'temporal-suggested' | 'history-events' | 'history-bytes';
    }
  | {
      readonly kind: 'sub-agent-started';
      readonly agentName: string;
      readonly toolCallId: string;
      readonly workflowId: string;
    }
  | {
      readonly kind: 'sub-agent-finished';
      readonly agentName: string;
      readonly toolCallId: string;
      readonly workflowId: string;
      readonly status: RunStatus;
      readonly attempts: number;
    }
  | { readonly kind: 'finished'; readonly status: 'completed' | 'cancelled' | 'budget-exhausted' }
  | { readonly kind: 'failed'; readonly error: RunError }
);

/** What a milestone of a run's timeline marks. */
export type RunMilestoneKind = RunMilestone['kind'];

/** A budget limit the run reached: ended it (`stop`) or asked whether to go on (`ask`). */
export interface RunViewBudgetReached {
  readonly limit: BudgetLimitName;
  readonly scope: 'run' | 'conversation';
  readonly value: number;
  readonly spent: number;
  readonly message: string;
  readonly action: 'stop' | 'ask';
}

/** A budget meter: the run's limits and what it spent (with the conversation's, when it has limits). */
export interface RunViewBudget {
  readonly limits: BudgetLimits;
  readonly conversationLimits?: BudgetLimits;
  readonly spentBefore?: BudgetSpend;
  readonly spend: BudgetSpend;
  readonly onBudget: 'stop' | 'ask';
  /** The last limit reached. */
  readonly reached?: RunViewBudgetReached;
}

/** A message a person sent into the run while it ran (a steer). */
export interface RunViewSteer {
  readonly steerId: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly from?: string;
}

/** A delegation to a sub-agent (a child workflow): running, then its outcome, text and usage. */
export interface RunViewSubAgent {
  readonly agentName: string;
  /** The parent's tool call that delegated. */
  readonly toolCallId: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly status: 'running' | RunStatus;
  readonly text: string;
  readonly usage?: Usage;
  /** @deprecated Attempts over all its model calls (`rounds` + retries). */
  readonly attempts?: number;
  /** Its model calls. */
  readonly rounds?: number;
}

/** What a run is now, folded from its events by `applyRunEvent`: phase, messages, tool calls, approvals, attempts, usage, timeline. */
export interface RunView {
  readonly phase: RunPhase;
  /** Seq of the last log event applied: a reader resumes with `events({ fromSeq: lastSeq + 1 })`. */
  readonly lastSeq: number;
  /** The run's assistant messages, one per model round, in order. */
  readonly messages: readonly RunViewMessage[];
  readonly toolCalls: readonly RunViewToolCall[];
  /** Approvals waiting for a decision. */
  readonly approvals: readonly PendingApproval[];
  /** Model calls made so far, one per round (a tool run makes 2); a retried call is still one call. */
  readonly modelCalls: number;
  /** Attempts beyond each model call's first, over all calls: 0 when nothing failed. */
  readonly retries: number;
  /** @deprecated Attempts started over all model calls; read `modelCalls` and `retries`. */
  readonly attempts: number;
  /** The attempt of the model call in progress (or the last one): 2 after one retry. */
  readonly currentAttempt: number;
  readonly usage: RunViewUsage;
  readonly workerWait?: RunViewWorkerWait;
  /** Why the current attempt replaced the previous one. */
  readonly retryReason?: string;
  readonly error?: RunError;
  readonly milestones: readonly RunMilestone[];
  /** Sub-agents this run delegated to, in order (absent when it delegated to none). */
  readonly subAgents?: readonly RunViewSubAgent[];
  /** The run's budget and spend (absent when it has no budget). */
  readonly budget?: RunViewBudget;
  /** Messages sent into the run while it ran, in order (absent when none). */
  readonly steers?: readonly RunViewSteer[];
}

/** The view of a run before any event: fold events into it with `applyRunEvent`. */
export const EMPTY_RUN_VIEW: RunView = {
  phase: 'submitted',
  lastSeq: -1,
  messages: [],
  toolCalls: [],
  approvals: [],
  modelCalls: 0,
  retries: 0,
  attempts: 0,
  currentAttempt: 1,
  usage: {
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    failedAttemptTokens: 0,
    stoppedTokens: 0,
    wastedTokens: 0,
  },
  milestones: [],
};

/** The answer's text: the last assistant message (a tool round's text is usually empty). */
export function answerText(view: RunView): string {
  return view.messages.at(-1)?.text ?? '';
}

/** Whether the view is of a run that has ended. */
export function isFinished(view: RunView): boolean {
  return FINISHED_PHASES.includes(view.phase);
}
