import { randomUUID } from 'node:crypto';
import { type ActivityEvent, AgentError } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage, RunInfo, SentMessage, WorkerInfo } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import type { HostEvents } from '../host-events';
import type { WorkerEnd } from '../workers/supervised-worker';
import type { AgentClients } from './agent-clients';
import { type Follow, FollowedAnswer } from './followed-answer';
import { recordRun, submission } from './run-submission';

export interface RunCoordinatorDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly agents: AgentClients;
  readonly onConversationsChanged: () => void;
  readonly log: (line: string) => void;
  readonly persistIntervalMs: number;
}

/** Starts runs for chat messages and follows every unfinished run until its answer is stored. */
export class RunCoordinator {
  private readonly followers = new Map<string, FollowedAnswer>();
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
    if (follower) return follower.cancel().catch(unreachableAsUnavailable);
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
      await follower.approve(toolCallId, { approved, reason });
    } catch (error) {
      if (error instanceof AgentError && error.code === 'invalid-input')
        throw new ApiError('not-found', error.message);
      unreachableAsUnavailable(error);
    }
  }

  /** Follows a run left unfinished (an earlier launch, or before a Temporal switch) from its saved view. */
  resume(record: RunRecord): void {
    const follow: Follow = async (journal, options) => {
      const agent = await this.dependencies.agents.current();
      const temporal = record.temporal ?? (await agent.identity());
      const prompt = this.dependencies.store.messages.get(record.userMessageId)?.text ?? '';
      const entry = {
        id: record.workflowId,
        runId: record.id,
        conversationId: record.conversationId,
        temporal,
        prompt,
      };
      return agent.follow(entry, journal, options);
    };
    this.follow(record, follow, true);
  }

  /** Stops following every run, then follows them again with the current agent (Temporal was switched). */
  async refollow(): Promise<void> {
    const followers = [...this.followers.values()];
    this.followers.clear();
    await Promise.all(followers.map((follower) => follower.stop()));
    for (const record of this.dependencies.store.runs.unfinished()) this.resume(record);
  }

  /** The streaming answer's live text (the stored one lags behind by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    const follower = message.runId ? this.followers.get(message.runId) : undefined;
    return message.status === 'streaming' && follower ? follower.liveMessage(message) : message;
  }

  liveRun(run: RunInfo): RunInfo {
    return this.followers.get(run.id)?.info() ?? run;
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
      if (follower.conversationId !== conversationId) continue;
      await follower.cancel().catch(() => undefined);
      await follower.stop();
      this.followers.delete(follower.id);
    }
  }

  /** Stops following (app quit); unfinished runs are resumed at the next start. */
  async close(): Promise<void> {
    const followers = [...this.followers.values()];
    this.followers.clear();
    await Promise.all(followers.map((follower) => follower.stop()));
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
    let follower: FollowedAnswer;
    try {
      const agent = await this.dependencies.agents.current().catch((error: unknown) => {
        this.failUnsubmitted(assistant, error);
        throw new ApiError('unavailable', `the message could not be submitted: ${messageOf(error)}`, {
          cause: error,
        });
      });
      const record = recordRun(store, user, assistant, (runId) => agent.workflowIdFor(conversationId, runId));
      follower = this.follow(record, submission(this.dependencies, record, user.text), false);
      await follower.started;
    } finally {
      this.submitting.delete(conversationId);
      this.dependencies.onConversationsChanged();
    }
    return {
      conversation: store.conversations.summary(conversationId)!,
      userMessage: store.messages.get(user.id)!,
      assistantMessage: follower.liveMessage(store.messages.get(assistant.id)!),
      run: follower.info(),
    };
  }

  private failUnsubmitted(assistant: ChatMessage, error: unknown): void {
    const { store, events } = this.dependencies;
    const code = error instanceof AgentError ? error.code : 'submit-failed';
    store.messages.finalize(
      assistant.id,
      { text: '', status: 'failed', attempt: 1, error: { code, message: messageOf(error) } },
      new Date().toISOString(),
    );
    events.emit('messageUpdated', store.messages.get(assistant.id)!);
  }

  private follow(record: RunRecord, follow: Follow, resumed: boolean): FollowedAnswer {
    const { store, events, log, persistIntervalMs } = this.dependencies;
    const onFinished = (runId: string) => {
      if (this.followers.get(runId) === follower) this.followers.delete(runId);
      this.dependencies.onConversationsChanged();
    };
    const follower = new FollowedAnswer(
      record,
      { store, events, log, onFinished, persistIntervalMs },
      follow,
      resumed,
    );
    this.followers.set(record.id, follower);
    follower.started.catch(() => {
      if (this.followers.get(record.id) === follower) this.followers.delete(record.id);
    });
    events.emit('runUpdated', follower.info());
    return follower;
  }
}

/** Temporal could not be reached for a verb: the caller gets a clear "unavailable", not a stack trace. */
function unreachableAsUnavailable(error: unknown): never {
  if (error instanceof AgentError && error.code === 'temporal-unreachable')
    throw new ApiError('unavailable', error.message, { cause: error });
  throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of the first message, shortened: a conversation's initial title. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}
