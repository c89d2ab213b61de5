import type { AgentEvent, AgentRun, AgentRunResult } from 'durable-agent';
import type { ChatMessage, PendingApproval, RunInfo, WorkerInfo } from '../../shared/models';
import { AttemptAttribution } from './attempt-attribution';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import { MessageFold } from './message-fold';
import { finalizeRun } from './run-finalization';
import { applyRunEvent, type RunState, type TimelineDraft } from './run-state';
import { ToolCallFold } from './tool-call-fold';

export interface RunFollowerDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  /** A fresh handle on the run (after a broken connection). */
  readonly reattach: (workflowId: string) => Promise<AgentRun>;
  readonly onFinished: (runId: string) => void;
  readonly log: (line: string) => void;
  /** Partial text and `lastSeq` are saved at most this often (and at once on important events). */
  readonly persistIntervalMs: number;
}

const MAX_CONSECUTIVE_FAILURES = 8;
const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Follows one run: reads its events from `lastSeq + 1`, folds them into the answer's text, saves progress
 * at a bounded rate, appends timeline entries, and finalizes the answer once from `run.result()`.
 */
export class RunFollower {
  private state: RunState;
  private readonly fold: MessageFold;
  private readonly toolCalls: ToolCallFold;
  private readonly approvals = new Map<string, PendingApproval>();
  private readonly seenLocalEvents = new Set<string>();
  private readonly lostAttempts = new Set<number>();
  private stopped = false;
  private lastPersist = 0;
  private persistTimer: NodeJS.Timeout | undefined;
  private readonly attribution = new AttemptAttribution((attempt, worker) => {
    const where = worker ? ` on ${worker.label}${worker.pid ? ` (pid ${worker.pid})` : ''}` : '';
    const detail = `model call, attempt ${attempt}, started${where}`;
    this.appendTimeline({
      kind: 'attempt-started',
      attempt,
      detail,
      ...(worker ? { workerId: worker.id } : {}),
    });
  });
  readonly done: Promise<void>;

  constructor(
    private run: AgentRun,
    private readonly record: RunRecord,
    private readonly message: ChatMessage,
    private readonly dependencies: RunFollowerDependencies,
    resumed: boolean,
  ) {
    const { status, attempts, currentAttempt, usage, lastSeq, streamMessageId, workerWait, retryReason } =
      record;
    this.state = {
      status,
      attempts,
      currentAttempt,
      usage,
      lastSeq,
      streamMessageId,
      workerWait,
      retryReason,
    };
    this.fold = new MessageFold(
      resumed && streamMessageId
        ? {
            runId: record.id,
            threadId: record.conversationId,
            messageId: streamMessageId,
            text: message.text,
            attempt: currentAttempt,
            lastSeq,
          }
        : undefined,
    );
    this.toolCalls = new ToolCallFold(resumed ? message.toolCalls : undefined);
    this.done = this.follow(resumed).catch((error: unknown) =>
      this.dependencies.log(`run ${record.id}: ${String(error)}`),
    );
  }

  get id(): string {
    return this.record.id;
  }

  info(): RunInfo {
    const { streamMessageId: _current, ...state } = this.state;
    return { ...toRunInfo(this.record), ...state };
  }

  /** The answer as it is now (the stored one lags behind by at most the persist interval). */
  liveMessage(): ChatMessage {
    return {
      ...this.message,
      text: this.fold.text(),
      attempt: this.state.currentAttempt,
      toolCalls: this.toolCalls.toolCalls(),
      updatedAt: new Date().toISOString(),
    };
  }

  pendingApprovals(): PendingApproval[] {
    return [...this.approvals.values()];
  }

  async cancel(): Promise<void> {
    await this.run.cancel();
  }

  async approve(toolCallId: string, approved: boolean, reason?: string): Promise<void> {
    await this.run.approve(toolCallId, { approved, reason });
  }

  /** One of our workers began a model call attempt of this run. */
  workerStarted(worker: WorkerInfo, attempt: number): void {
    if (!this.stopped) this.attribution.reported(worker, attempt);
  }

  /** One of our workers ended while running an attempt of this run. */
  workerLost(
    worker: WorkerInfo,
    how: 'stopped' | 'killed' | 'crashed',
    attempt: number,
    pid: number | undefined,
  ): void {
    if (this.stopped || this.lostAttempts.has(attempt)) return;
    this.lostAttempts.add(attempt);
    this.state = { ...this.state, status: 'retrying', retryReason: 'worker lost' };
    const what = how === 'killed' ? 'was killed (SIGKILL)' : how === 'stopped' ? 'was stopped' : 'crashed';
    this.appendTimeline({
      kind: 'worker-lost',
      attempt,
      workerId: worker.id,
      detail: `${worker.label}${pid ? ` (pid ${pid})` : ''} ${what} during attempt ${attempt}; Temporal hands the attempt to the next worker that polls`,
    });
    this.dependencies.events.emit('runUpdated', this.info());
    this.persist();
  }

  /** Stops following without finalizing (app quit): progress is saved, start-up reconciliation resumes it. */
  abandon(): void {
    if (this.stopped) return;
    this.persist();
    this.stopped = true;
    this.attribution.dispose();
  }

  private async follow(resumed: boolean): Promise<void> {
    if (resumed) {
      for (const approval of await this.run.pendingApprovals().catch(() => [])) {
        this.approvals.set(approval.toolCallId, {
          ...approval,
          runId: this.record.id,
          conversationId: this.record.conversationId,
        });
      }
    }
    await this.readEvents();
    const result = await this.awaitResult();
    if (this.stopped || !result) return;
    clearTimeout(this.persistTimer);
    this.attribution.flush();
    this.stopped = true;
    finalizeRun(this.dependencies.store, this.dependencies.events, {
      record: this.record,
      state: this.state,
      foldedText: this.fold.text(),
      toolCalls: this.toolCalls.toolCalls(),
      result,
      hadApprovals: this.approvals.size > 0,
    });
    this.dependencies.onFinished(this.record.id);
  }

  private async readEvents(): Promise<void> {
    for (let failures = 0; !this.stopped && failures < MAX_CONSECUTIVE_FAILURES; ) {
      try {
        for await (const event of this.run.events({ fromSeq: this.state.lastSeq + 1 })) {
          if (this.stopped) return;
          this.apply(event);
          failures = 0;
        }
        return;
      } catch (error) {
        failures++;
        this.dependencies.log(`run ${this.record.id}: reading events failed (${String(error)}); retrying`);
        await delay(Math.min(500 * failures, 5000));
      }
    }
  }

  private async awaitResult(): Promise<AgentRunResult | undefined> {
    for (let failures = 0; !this.stopped; failures++) {
      try {
        return await this.run.result();
      } catch (error) {
        if (failures >= MAX_CONSECUTIVE_FAILURES) {
          const message = `lost track of the run: ${error instanceof Error ? error.message : String(error)}`;
          return {
            status: 'failed',
            text: '',
            messages: [],
            usage: this.state.usage,
            usageByAttempt: [],
            attempts: this.state.attempts,
            rounds: 0,
            error: { code: 'lost', message },
          };
        }
        await delay(Math.min(500 * (failures + 1), 5000));
        this.run = await this.dependencies.reattach(this.record.workflowId).catch(() => this.run);
      }
    }
    return undefined;
  }

  private apply(event: AgentEvent): void {
    if (event.local) {
      const key = `${event.type}:${JSON.stringify((event as { value?: unknown }).value ?? '')}`;
      if (this.seenLocalEvents.has(key)) return;
      this.seenLocalEvents.add(key);
    }
    const { events } = this.dependencies;
    events.emit('runEvent', { conversationId: this.record.conversationId, runId: this.record.id, event });
    const before = this.state;
    const textBefore = this.fold.text();
    this.fold.apply(event);
    const messageChanged = this.toolCalls.apply(event) || this.fold.text() !== textBefore;
    const { state, effect } = applyRunEvent(before, event, { now: new Date() });
    this.state = state;
    for (const draft of effect.timeline) this.appendTimeline(draft);
    if (effect.attemptStarted !== undefined) this.attribution.started(effect.attemptStarted);
    if (effect.approvalAsked) {
      this.approvals.set(effect.approvalAsked.toolCallId, {
        ...effect.approvalAsked,
        runId: this.record.id,
        conversationId: this.record.conversationId,
      });
    }
    if (effect.approvalAnswered) this.approvals.delete(effect.approvalAnswered);
    if (effect.approvalAsked || effect.approvalAnswered) {
      events.emit('approvalsChanged', {
        conversationId: this.record.conversationId,
        runId: this.record.id,
        approvals: this.pendingApprovals(),
      });
    }
    if (messageChanged || state.currentAttempt !== before.currentAttempt) {
      events.emit('messageUpdated', this.liveMessage());
    }
    const { lastSeq: _before, ...restBefore } = before;
    const { lastSeq: _after, ...restAfter } = state;
    if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) events.emit('runUpdated', this.info());
    this.schedulePersist(effect.important);
  }

  private appendTimeline(draft: TimelineDraft): void {
    const entry = this.dependencies.store.timeline.append({
      ...draft,
      runId: this.record.id,
      at: new Date().toISOString(),
    });
    if (entry) this.dependencies.events.emit('timelineAppended', entry);
  }

  private schedulePersist(now: boolean): void {
    const elapsed = Date.now() - this.lastPersist;
    if (now || elapsed >= this.dependencies.persistIntervalMs) {
      this.persist();
      return;
    }
    this.persistTimer ??= setTimeout(() => this.persist(), this.dependencies.persistIntervalMs - elapsed);
  }

  /** Saves the partial text and tool calls together with the `lastSeq` it reflects (one transaction). */
  private persist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    if (this.stopped) return;
    const { store } = this.dependencies;
    const at = new Date().toISOString();
    store.transaction(() => {
      store.runs.saveProgress(this.record.id, this.state);
      const calls = this.toolCalls.toolCalls();
      store.messages.updateStream(this.message.id, this.fold.text(), this.state.currentAttempt, at, calls);
    });
    this.lastPersist = Date.now();
  }
}
