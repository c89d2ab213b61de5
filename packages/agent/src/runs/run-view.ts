/**
 * A run's view: everything a reader shows of a run, as one plain, serializable value. Built by the one
 * reducer (`applyRunEvent`) from the run's events; the host, the CLI and the renderer all use it.
 * Browser-safe: no Node built-ins.
 */
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
  | 'cancelled';

/** The phases a run ends in. */
export const FINISHED_PHASES: readonly RunPhase[] = ['completed', 'failed', 'cancelled'];

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

/** Usage so far; `wastedTokens` counts tokens of attempts that failed or were cancelled. */
export interface RunViewUsage extends Usage {
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
  | { readonly kind: 'attempt-started'; readonly messageId: string; readonly attempt: number }
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
  | { readonly kind: 'finished'; readonly status: 'completed' | 'cancelled' }
  | { readonly kind: 'failed'; readonly error: RunError }
);

/** What a milestone of a run's timeline marks. */
export type RunMilestoneKind = RunMilestone['kind'];

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
  readonly attempts?: number;
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
  /** Model-call attempts started, over all rounds (1 per round when nothing failed). */
  readonly attempts: number;
  /** The attempt of the model call in progress (or the last one). */
  readonly currentAttempt: number;
  readonly usage: RunViewUsage;
  readonly workerWait?: RunViewWorkerWait;
  /** Why the current attempt replaced the previous one. */
  readonly retryReason?: string;
  readonly error?: RunError;
  readonly milestones: readonly RunMilestone[];
  /** Sub-agents this run delegated to, in order (absent when it delegated to none). */
  readonly subAgents?: readonly RunViewSubAgent[];
}

/** The view of a run before any event: fold events into it with `applyRunEvent`. */
export const EMPTY_RUN_VIEW: RunView = {
  phase: 'submitted',
  lastSeq: -1,
  messages: [],
  toolCalls: [],
  approvals: [],
  attempts: 0,
  currentAttempt: 1,
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, wastedTokens: 0 },
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
