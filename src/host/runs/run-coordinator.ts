import {
  AgentError,
  type ApprovalDecision,
  type FollowedRun,
  followWithAgent,
  RunFollowers,
} from 'durable-agent';
import { ApiError, type ApiErrorCode } from '../../shared/api-error';
import type { ChatMessage, RunInfo, WorkerActivity, WorkerInfo } from '../../shared/models';
import type { AgentClients } from '../agent/agent-clients';
import type { RunModels } from '../agent/conversation-choices';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import type { HostEvents } from '../host-events';
import { failLostActivities } from '../workers/fail-lost-activities';
import type { WorkerEnd } from '../workers/supervised-worker';
import { type Follow, FollowedAnswer } from './followed-answer';
import { recordRun, submission } from './run-submission';

export interface RunCoordinatorDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly agents: AgentClients;
  readonly onConversationsChanged: () => void;
  readonly log: (line: string) => void;
  readonly persistIntervalMs: number;
  /** The system prompt of conversations without their own (Settings); '' = none. */
  readonly defaultSystemPrompt: () => string;
  /** How a conversation's model profile becomes its runs' model (absent: no profiles). */
  readonly models?: RunModels;
  /** The app's worker polling Temporal with this identity, if one is. */
  readonly workerNamed: (identity: string) => WorkerInfo | undefined;
}

/** What each library error of acting on a run is to the UI (a refusal is the caller's own code). */
const API_CODES: Partial<Record<AgentError['code'], ApiErrorCode>> = {
  'run-not-found': 'not-found',
  'run-ended': 'conflict',
  'temporal-unreachable': 'unavailable',
};

/**
 * Submits the runs of answers and follows every unfinished run until its answer is stored: the library's
 * `RunFollowers` holds them by run id, each with the `FollowedAnswer` that writes it into history.db.
 */
export class RunCoordinator {
  private readonly followers: RunFollowers<FollowedAnswer>;

  constructor(private readonly dependencies: RunCoordinatorDependencies) {
    this.followers = new RunFollowers({
      isKnown: (runId) => dependencies.store.runs.get(runId) !== undefined,
    });
  }

  /** Records and submits the run of a new answer; resolves once it is submitted (or stored as failed). */
  async submit(
    user: ChatMessage,
    assistant: ChatMessage,
  ): Promise<{ run: RunInfo; assistantMessage: ChatMessage }> {
    const record = recordRun(this.dependencies.store, user, assistant);
    const answer = this.follow(record, submission(this.dependencies, record, user));
    await answer.started;
    return {
      run: answer.info(),
      assistantMessage: answer.liveMessage(this.dependencies.store.messages.get(assistant.id)!),
    };
  }

  async stop(runId: string): Promise<void> {
    await this.followers.cancel(runId).catch((error: unknown) => apiError(error, 'conflict'));
  }

  async answerApproval(runId: string, toolCallId: string, decision: ApprovalDecision): Promise<void> {
    const approval = this.answer(runId)
      ?.info()
      .view.approvals.find((each) => each.toolCallId === toolCallId);
    await this.act(runId, (run) => run.approve(toolCallId, decision), 'not-found');
    // Remembered for the conversation's later runs (this run remembers it itself).
    const run = this.dependencies.store.runs.get(runId);
    if (decision.approved && decision.alwaysAllow && approval && run)
      this.dependencies.store.allowedTools.allow(
        run.conversationId,
        approval.toolName,
        new Date().toISOString(),
      );
  }

  /** Sends a message into a running run ("Send now"); its model reads it at its next round. */
  async steer(runId: string, text: string): Promise<void> {
    await this.act(runId, (run) => run.steer(text), 'conflict');
  }

  /** Acts on a running run; the run refusing the input (`invalid-input`) is the caller's `refusedAs` error. */
  private async act(
    runId: string,
    action: (run: FollowedRun) => Promise<void>,
    refusedAs: ApiErrorCode,
  ): Promise<void> {
    await this.followers.act(runId, action).catch((error: unknown) => apiError(error, refusedAs));
  }

  /** Follows a run left unfinished (an earlier launch, or before a Temporal switch) from its saved view. */
  resume(record: RunRecord): void {
    // A run sent while the host was starting is already followed by its submission: following it again
    // as a recorded run would read Temporal before the start arrived and call it "never started".
    if (this.followers.has(record.id)) return;
    // The library retries until an agent can be made and Temporal answers (it may not, at start-up).
    const follow: Follow = async (journal, options) => {
      const { agents, store } = this.dependencies;
      const entry = {
        id: record.workflowId,
        runId: record.id,
        conversationId: record.conversationId,
        ...(record.temporal ? { temporal: record.temporal } : {}),
        prompt: store.messages.get(record.userMessageId)?.text ?? '',
      };
      return followWithAgent(() => agents.current(), entry, journal, options);
    };
    this.follow(record, follow);
  }

  /** Stops following every run, then follows them again with the current agent (Temporal was switched). */
  async refollow(): Promise<void> {
    await this.close();
    for (const record of this.dependencies.store.runs.unfinished()) this.resume(record);
  }

  /** The streaming answer's live text (the stored one lags behind by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    const answer = message.runId ? this.answer(message.runId) : undefined;
    return message.status === 'streaming' && answer ? answer.liveMessage(message) : message;
  }

  liveRun(run: RunInfo): RunInfo {
    return this.answer(run.id)?.info() ?? run;
  }

  /** A worker stopping gracefully handed a model call back to Temporal: its run's attempt is lost. */
  onWorkerHandedBack(worker: WorkerInfo, activity: WorkerActivity): void {
    if (activity.activity === 'invokeModelStreaming')
      this.answer(activity.runId)?.workerLost(worker, 'stopped', activity, worker.pid);
  }

  /**
   * A worker process ended: every call it still ran is failed in Temporal at once, and their runs told
   * (a model call's attempt, or a tool call, is lost).
   */
  onWorkerEnd(worker: WorkerInfo, end: WorkerEnd): void {
    void failLostActivities(this.dependencies.agents, worker, end, this.dependencies.log);
    for (const lost of end.lost) this.answer(lost.runId)?.workerLost(worker, end.reason, lost, end.pid);
  }

  /** Cancels and stops following the conversation's runs (before deleting it). */
  async forgetConversation(conversationId: string): Promise<void> {
    await this.followers.forgetConversation(conversationId);
  }

  /** Stops following (app quit); unfinished runs are resumed at the next start. */
  async close(): Promise<void> {
    await this.followers.stopAll();
  }

  /** Resolves when every run followed now has been finalized (tests). */
  async idle(): Promise<void> {
    await this.followers.idle();
  }

  /** The answer of a run followed now. */
  private answer(runId: string): FollowedAnswer | undefined {
    return this.followers.get(runId)?.context;
  }

  private follow(record: RunRecord, follow: Follow): FollowedAnswer {
    const answer = new FollowedAnswer(record, this.followers, this.dependencies, follow);
    this.dependencies.events.emit('runUpdated', answer.info());
    return answer;
  }
}

/** A library error of acting on a run as the UI's: never a stack trace as the only message. */
function apiError(error: unknown, refusedAs: ApiErrorCode): never {
  if (!(error instanceof AgentError)) throw error;
  const code = error.code === 'invalid-input' ? refusedAs : API_CODES[error.code];
  throw code ? new ApiError(code, error.message, { cause: error }) : error;
}
