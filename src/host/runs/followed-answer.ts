import {
  type Agent,
  AgentError,
  type AgentEvent,
  type ApprovalDecision,
  answerOf,
  type FollowedRun,
  type FollowOptions,
  type FollowState,
  type RunView,
  type SubAgentStart,
  undefinedWhenStopped,
  watchSubAgent,
} from 'durable-agent';
import type { ChatMessage, RunFollowing, RunInfo, WorkerInfo } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import { isWriteFailure } from '../history/save-status';
import type { HostEvents } from '../host-events';
import { AttemptWorkers, callLostLine, type WorkerLoss } from '../workers/attempt-workers';
import { HistoryJournal } from './history-journal';
import { type TimelineDraft, timelineDraftOf } from './milestone-timeline';

export interface FollowedAnswerDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly log: (line: string) => void;
  readonly onFinished: (runId: string) => void;
  /** The journal's progress is saved at most this often (and at once at each milestone). */
  readonly persistIntervalMs: number;
  /** The app's worker polling Temporal with this identity, if one is. */
  readonly workerNamed: (identity: string) => WorkerInfo | undefined;
  /** The agent that reads the run's sub-agents (their events are in their own logs). */
  readonly agent: () => Promise<Agent>;
}

/** Starts following (submits a new run, or follows a recorded one) with the library, into this journal. */
export type Follow = (journal: HistoryJournal, options: FollowOptions) => Promise<FollowedRun>;

const EVENT_BATCH_MS = 30;

/**
 * One answer being written: the library follows its run into a `HistoryJournal`; this adds what only the
 * app knows — which of its workers ran each attempt, a worker lost before Temporal noticed — and tells
 * the UI (new events in batches, run and timeline changes).
 */
export class FollowedAnswer {
  private followed: FollowedRun | undefined;
  private view: RunView;
  private following: RunFollowing | undefined;
  private pendingEvents: AgentEvent[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly workers: AttemptWorkers;
  private readonly subAgents: Promise<void>[] = [];
  private readonly stopping = new AbortController();
  /** Resolves once following began; rejects when a new run's submission failed (its answer is stored failed). */
  readonly started: Promise<void>;
  /** Resolves once the answer is stored (or following stopped). */
  readonly done: Promise<void>;
  private began!: { resolve: () => void; reject: (error: unknown) => void };

  /**
   * `follow` submits a new run (tried once: a refusal is the sender's answer) or follows a recorded one
   * (the library retries that until an agent can be made, e.g. Temporal unreachable at start-up).
   */
  constructor(
    private readonly record: RunRecord,
    private readonly dependencies: FollowedAnswerDependencies,
    follow: Follow,
  ) {
    this.view = record.view;
    this.workers = new AttemptWorkers((draft) => this.appendTimeline(draft), dependencies.workerNamed);
    this.started = new Promise((resolve, reject) => {
      this.began = { resolve, reject };
    });
    this.started.catch(() => undefined);
    this.done = this.run(follow).catch((error: unknown) =>
      dependencies.log(`run ${record.id}: following failed (${String(error)})`),
    );
  }

  get id(): string {
    return this.record.id;
  }

  get conversationId(): string {
    return this.record.conversationId;
  }

  info(): RunInfo {
    return {
      ...toRunInfo(this.record),
      view: this.view,
      ...(this.following ? { following: this.following } : {}),
      ...(this.workers.lostAttempt !== undefined ? { lostAttempt: this.workers.lostAttempt } : {}),
    };
  }

  /** The streaming answer as it is now (the stored one lags by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    return { ...message, ...answerOf(this.view) };
  }

  async cancel(): Promise<void> {
    await this.connected().cancel();
  }

  async approve(toolCallId: string, decision: ApprovalDecision): Promise<void> {
    await this.connected().approve(toolCallId, decision);
  }

  async steer(text: string): Promise<void> {
    await this.connected().steer(text);
  }

  /** The tool a pending approval is for (from the run's view). */
  approvalToolName(toolCallId: string): string | undefined {
    return this.view.approvals.find((approval) => approval.toolCallId === toolCallId)?.toolName;
  }

  /** One of our workers ended while running an attempt of this run: Temporal hands the attempt on. */
  workerLost(worker: WorkerInfo, how: WorkerLoss, attempt: number, pid?: number): void {
    if (!this.stopped && this.workers.lost(worker, how, attempt, pid))
      this.dependencies.events.emit('runUpdated', this.info());
  }

  /** One of our workers ended while running `call` (`a tool call`) of this run: the app failed it at once. */
  callLost(worker: WorkerInfo, how: WorkerLoss, call: string, pid?: number): void {
    if (!this.stopped) this.appendTimeline(callLostLine(worker, how, call, pid));
  }

  /** Stops following without finishing (app quit, Temporal switched): progress is saved, the run goes on. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    this.flushEvents();
    await this.followed?.stop();
  }

  private connected(): FollowedRun {
    if (this.followed) return this.followed;
    throw new AgentError('temporal-unreachable', 'Temporal unreachable — reconnecting');
  }

  private async run(follow: Follow): Promise<void> {
    const journal = new HistoryJournal(this.dependencies.store, this.dependencies.events, this.record);
    const options: FollowOptions = {
      from: this.record.view,
      progressIntervalMs: this.dependencies.persistIntervalMs,
      onEvent: (event, view) => this.applied(event, view),
      onState: (state) => this.stateChanged(state),
    };
    try {
      this.followed = await follow(journal, options);
      this.began.resolve();
    } catch (error) {
      this.stopped = true;
      this.began.reject(error);
      return;
    }
    if (this.stopped) {
      await this.followed.stop();
      return;
    }
    const ending = await this.followed.done.catch(undefinedWhenStopped);
    await Promise.all(this.subAgents); // the sub-agents ended before their parent: their logs are read to the end
    this.flushEvents();
    this.stopped = true;
    if (ending) this.dependencies.onFinished(this.record.id);
  }

  private applied(event: AgentEvent, view: RunView): void {
    const before = this.view;
    this.view = view;
    this.pendingEvents.push(event);
    this.batchTimer ??= setTimeout(() => this.flushEvents(), EVENT_BATCH_MS);
    for (const milestone of view.milestones.slice(before.milestones.length)) {
      if (milestone.kind === 'attempt-started') this.workers.started(milestone);
      const child = milestone.kind === 'sub-agent-started' && subAgentOf(view, milestone.workflowId);
      if (child) this.watchSubAgent(child);
      const draft = timelineDraftOf(milestone);
      if (draft) this.appendTimeline(draft);
    }
    if (view.milestones.length !== before.milestones.length || view.phase !== before.phase)
      this.dependencies.events.emit('runUpdated', this.info());
  }

  /** Reads a sub-agent's own events for its attempts' lines (their workers), until it ends or following stops. */
  private watchSubAgent(child: SubAgentStart): void {
    const { agent, log } = this.dependencies;
    const watching = async () => {
      const parent = await (await agent()).attach(this.record.workflowId);
      await watchSubAgent(parent, child, (milestone) => this.stopped || this.workers.subAgent(milestone), {
        signal: this.stopping.signal,
      });
    };
    this.subAgents.push(
      watching().catch((error: unknown) => {
        if (!this.stopped)
          log(`run ${this.record.id}: sub-agent ${child.agentName} not read (${String(error)})`);
      }),
    );
  }

  private stateChanged(state: FollowState): void {
    const following: RunFollowing | undefined =
      state.kind === 'reconnecting'
        ? { kind: 'reconnecting', message: 'Temporal unreachable — reconnecting', since: state.since }
        : state.kind === 'other-temporal' || state.kind === 'worker-lost'
          ? { kind: state.kind, message: state.message }
          : undefined;
    if (JSON.stringify(following) === JSON.stringify(this.following)) return;
    this.following = following;
    this.dependencies.events.emit('runUpdated', this.info());
  }

  private flushEvents(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.pendingEvents.length === 0) return;
    const events = this.pendingEvents;
    this.pendingEvents = [];
    this.dependencies.events.emit('runEvents', {
      conversationId: this.record.conversationId,
      runId: this.record.id,
      events,
    });
  }

  private appendTimeline(draft: TimelineDraft): void {
    const { store } = this.dependencies;
    try {
      const entry = store.timeline.append({ ...draft, runId: this.record.id, at: new Date().toISOString() });
      store.saving.succeeded();
      if (entry) this.dependencies.events.emit('timelineAppended', entry);
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      store.saving.failed(error); // a full disk: the timeline line is lost, following goes on
    }
  }
}

function subAgentOf(view: RunView, workflowId: string): SubAgentStart | undefined {
  return view.subAgents?.find((each) => each.workflowId === workflowId);
}
