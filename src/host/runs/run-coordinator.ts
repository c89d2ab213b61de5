import { randomUUID } from 'node:crypto';
import { type ActivityEvent, AgentError, type AgentRun } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage, PendingApproval, RunInfo, SentMessage, WorkerInfo } from '../../shared/models';
import type { AgentProvider } from './agent-provider';
import type { RunRecord } from '../history/run-table';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import { RunFollower } from './run-follower';
import { type Submission, submitRun } from './run-submission';
import type { WorkerEnd } from '../workers/supervised-worker';

export interface RunCoordinatorDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly agents: AgentProvider;
  readonly onConversationsChanged: () => void;
  readonly log: (line: string) => void;
  readonly persistIntervalMs: number;
}

/** Starts runs for chat messages and follows every unfinished run until its answer is stored. */
export class RunCoordinator {
  private readonly followers = new Map<string, RunFollower>();
  private readonly submitting = new Set<string>();

  constructor(private readonly dependencies: RunCoordinatorDependencies) {}

  /** Stores the user message and an empty streaming answer, then submits the run. */
  async send(request: { conversationId?: string; text: string }): Promise<SentMessage> {
    const { store } = this.dependencies;
    const at = new Date().toISOString();
    const conversationId = request.conversationId ?? randomUUID();
    const { user, assistant } = store.transaction(() => {
      if (request.conversationId) this.checkIdle(request.conversationId);
      else store.conversations.insert(conversationId, titleFrom(request.text), at);
      store.conversations.touch(conversationId, at);
      return {
        user: store.messages.insert({
          id: randomUUID(),
          conversationId,
          role: 'user',
          text: request.text,
          status: 'complete',
          at,
        }),
        assistant: store.messages.insert({
          id: randomUUID(),
          conversationId,
          role: 'assistant',
          text: '',
          status: 'streaming',
          at,
        }),
      };
    });
    return this.submit(conversationId, user, assistant);
  }

  /** Replaces the last answer of its conversation with a new run of the same prompt. */
  async regenerate(messageId: string): Promise<SentMessage> {
    const { store } = this.dependencies;
    const message = store.messages.get(messageId);
    if (message?.role !== 'assistant') throw new ApiError('not-found', `no answer "${messageId}"`);
    const { conversationId } = message;
    if (store.messages.last(conversationId)?.id !== messageId) {
      throw new ApiError('conflict', 'only the last answer of a conversation can be regenerated');
    }
    const previousRun = message.runId ? store.runs.get(message.runId) : undefined;
    const user = previousRun
      ? store.messages.get(previousRun.userMessageId)
      : store.messages.byConversation(conversationId).findLast((each) => each.role === 'user');
    if (!user) throw new ApiError('not-found', 'the prompt of this answer is gone');
    const assistant = store.transaction(() => {
      this.checkIdle(conversationId);
      store.messages.delete(messageId);
      const at = new Date().toISOString();
      store.conversations.touch(conversationId, at);
      return store.messages.insert({
        id: randomUUID(),
        conversationId,
        role: 'assistant',
        text: '',
        status: 'streaming',
        at,
      });
    });
    return this.submit(conversationId, user, assistant);
  }

  async stop(runId: string): Promise<void> {
    const follower = this.followers.get(runId);
    if (follower) return follower.cancel();
    if (!this.dependencies.store.runs.get(runId)) throw new ApiError('not-found', `no run "${runId}"`);
  }

  async answerApproval(runId: string, toolCallId: string, approved: boolean, reason?: string): Promise<void> {
    const follower = this.followers.get(runId);
    if (!follower) {
      const known = this.dependencies.store.runs.get(runId);
      throw known
        ? new ApiError('conflict', 'this run has ended')
        : new ApiError('not-found', `no run "${runId}"`);
    }
    try {
      await follower.approve(toolCallId, approved, reason);
    } catch (error) {
      if (error instanceof AgentError && error.code === 'invalid-input')
        throw new ApiError('not-found', error.message);
      throw error;
    }
  }

  /** Follows a run left unfinished by an earlier launch, from its last stored seq. */
  async resume(record: RunRecord): Promise<void> {
    const message = this.dependencies.store.messages.get(record.assistantMessageId);
    const run = await this.dependencies.agents.attach(record.workflowId);
    this.follow(run, record, message ?? placeholderMessage(record), true);
  }

  /** The streaming answer's live text (the stored one lags behind by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    const follower = message.runId ? this.followers.get(message.runId) : undefined;
    return message.status === 'streaming' && follower ? follower.liveMessage() : message;
  }

  liveRun(run: RunInfo): RunInfo {
    return this.followers.get(run.id)?.info() ?? run;
  }

  pendingApprovals(conversationId: string): PendingApproval[] {
    return [...this.followers.values()].flatMap((follower) =>
      follower.pendingApprovals().filter((approval) => approval.conversationId === conversationId),
    );
  }

  /**
   * Our workers' activity reports: which worker runs each model call; a worker stopping gracefully hands
   * its attempts back (they fail as retryable just before it exits).
   */
  onWorkerActivity(worker: WorkerInfo, event: ActivityEvent): void {
    if (event.phase === 'started' && event.activity === 'invokeModelStreaming') {
      this.followers.get(event.runId)?.workerStarted(worker, event.attempt);
    }
    if (event.phase === 'failed' && worker.status.state === 'stopping') {
      this.followers.get(event.runId)?.workerLost(worker, 'stopped', event.attempt, worker.pid);
    }
  }

  onWorkerEnd(worker: WorkerInfo, end: WorkerEnd): void {
    for (const lost of end.lost)
      this.followers.get(lost.runId)?.workerLost(worker, end.reason, lost.attempt, end.pid);
  }

  /** Cancels and stops following the conversation's runs (before deleting it). */
  async forgetConversation(conversationId: string): Promise<void> {
    for (const follower of this.followers.values()) {
      if (follower.info().conversationId !== conversationId) continue;
      await follower.cancel().catch(() => undefined);
      follower.abandon();
      this.followers.delete(follower.id);
    }
  }

  /** Stops following (app quit); unfinished runs are resumed at the next start. */
  close(): void {
    for (const follower of this.followers.values()) follower.abandon();
    this.followers.clear();
  }

  /** Resolves when every run followed now has been finalized (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.followers.values()].map((follower) => follower.done));
  }

  private checkIdle(conversationId: string): void {
    const { store } = this.dependencies;
    if (!store.conversations.exists(conversationId))
      throw new ApiError('not-found', `no conversation "${conversationId}"`);
    if (this.submitting.has(conversationId) || store.messages.last(conversationId)?.status === 'streaming') {
      throw new ApiError(
        'conflict',
        'an answer is still being written in this conversation; stop it or wait for it',
      );
    }
  }

  private async submit(
    conversationId: string,
    user: ChatMessage,
    assistant: ChatMessage,
  ): Promise<SentMessage> {
    const { store } = this.dependencies;
    this.submitting.add(conversationId);
    this.dependencies.onConversationsChanged();
    let submission: Submission;
    try {
      submission = await submitRun(this.dependencies, conversationId, user, assistant);
    } finally {
      this.submitting.delete(conversationId);
      this.dependencies.onConversationsChanged();
    }
    const { run, record } = submission;
    const follower = this.follow(run, record, { ...assistant, runId: run.runId }, false);
    return {
      conversation: store.conversations.summary(conversationId)!,
      userMessage: store.messages.get(user.id)!,
      assistantMessage: follower.liveMessage(),
      run: follower.info(),
    };
  }

  private follow(run: AgentRun, record: RunRecord, message: ChatMessage, resumed: boolean): RunFollower {
    const { store, events, agents, log, persistIntervalMs } = this.dependencies;
    const follower = new RunFollower(
      run,
      record,
      message,
      {
        store,
        events,
        reattach: (workflowId) => agents.attach(workflowId),
        onFinished: (runId) => {
          this.followers.delete(runId);
          this.dependencies.onConversationsChanged();
        },
        log,
        persistIntervalMs,
      },
      resumed,
    );
    this.followers.set(record.id, follower);
    events.emit('runUpdated', follower.info());
    return follower;
  }
}

/** The first line of the first message, shortened: a conversation's initial title. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}

function placeholderMessage(record: RunRecord): ChatMessage {
  const at = record.startedAt;
  const base = {
    conversationId: record.conversationId,
    role: 'assistant' as const,
    text: '',
    status: 'streaming' as const,
  };
  return {
    ...base,
    id: record.assistantMessageId,
    runId: record.id,
    attempt: 1,
    createdAt: at,
    updatedAt: at,
  };
}
