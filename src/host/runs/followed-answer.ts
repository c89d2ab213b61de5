import {
  AgentError,
  type AgentEvent,
  answerOf,
  type FollowedRun,
  type FollowNotice,
  type FollowOptions,
  type FollowState,
  followNoticeOf,
  type RunView,
  undefinedWhenStopped,
} from 'durable-agent';
import type { ChatMessage, RunInfo, WorkerActivity, WorkerInfo } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HostEvents } from '../host-events';
import { HistoryJournal } from './history-journal';
import { RunTimeline, type WorkerLoss } from './run-timeline';

export interface FollowedAnswerDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly log: (line: string) => void;
  readonly onFinished: (runId: string) => void;
  /** The journal's progress is saved at most this often (and at once at each milestone). */
  readonly persistIntervalMs: number;
  /** The app's worker polling Temporal with this identity, if one is. */
  readonly workerNamed: (identity: string) => WorkerInfo | undefined;
}

/** Starts following (submits a new run, or follows a recorded one) with the library, into this journal. */
export type Follow = (journal: HistoryJournal, options: FollowOptions) => Promise<FollowedRun>;

const EVENT_BATCH_MS = 30;

/**
 * One answer being written: the library follows its run (and its sub-agents) into a `HistoryJournal`; this
 * writes the run's timeline, with what only the app knows — which of its workers ran each attempt, a worker
 * lost before Temporal noticed — and tells the UI (new events in batches, run and timeline changes).
 */
export class FollowedAnswer {
  private followed: FollowedRun | undefined;
  private view: RunView;
  private following: FollowNotice | undefined;
  private pendingEvents: AgentEvent[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly timeline: RunTimeline;
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
    const { store, events, workerNamed } = dependencies;
    this.view = record.view;
    this.timeline = new RunTimeline(store, events, record.id, workerNamed);
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
    const { lostAttempt } = this.timeline;
    return {
      ...toRunInfo(this.record),
      view: this.view,
      ...(this.following ? { following: this.following } : {}),
      ...(lostAttempt !== undefined ? { lostAttempt } : {}),
    };
  }

  /** The streaming answer as it is now (the stored one lags by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    return { ...message, ...answerOf(this.view) };
  }

  /** Acts on the run through Temporal (cancel, approve, steer); before following began, Temporal is unreachable. */
  async act(action: (run: FollowedRun) => Promise<void>): Promise<void> {
    if (!this.followed) throw new AgentError('temporal-unreachable', 'Temporal unreachable — reconnecting');
    await action(this.followed);
  }

  /** One of our workers ended while running `lost` (a model call's attempt, a tool call…) of this run. */
  workerLost(worker: WorkerInfo, how: WorkerLoss, lost: WorkerActivity, pid?: number): void {
    if (!this.stopped && this.timeline.workerLost(worker, how, lost, pid))
      this.dependencies.events.emit('runUpdated', this.info());
  }

  /** Stops following without finishing (app quit, Temporal switched): progress is saved, the run goes on. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.flushEvents();
    await this.followed?.stop();
  }

  private async run(follow: Follow): Promise<void> {
    const { store, events, log, persistIntervalMs } = this.dependencies;
    const options: FollowOptions = {
      from: this.record.view,
      progressIntervalMs: persistIntervalMs,
      onEvent: (event, view) => this.applied(event, view),
      onState: (state) => this.stateChanged(state),
      onSubAgentMilestone: (milestone) => this.stopped || this.timeline.subAgent(milestone),
      onSubAgentError: (agentName, error) =>
        log(`run ${this.record.id}: sub-agent ${agentName} not read (${String(error)})`),
    };
    try {
      this.followed = await follow(new HistoryJournal(store, events, this.record), options);
      this.began.resolve();
    } catch (error) {
      this.stopped = true;
      this.began.reject(error);
      return;
    }
    if (this.stopped) return this.followed.stop();
    const ending = await this.followed.done.catch(undefinedWhenStopped);
    this.flushEvents();
    this.stopped = true;
    if (ending) this.dependencies.onFinished(this.record.id);
  }

  private applied(event: AgentEvent, view: RunView): void {
    const before = this.view;
    this.view = view;
    this.pendingEvents.push(event);
    this.batchTimer ??= setTimeout(() => this.flushEvents(), EVENT_BATCH_MS);
    for (const milestone of view.milestones.slice(before.milestones.length))
      this.timeline.milestone(milestone);
    if (view.milestones.length !== before.milestones.length || view.phase !== before.phase)
      this.dependencies.events.emit('runUpdated', this.info());
  }

  private stateChanged(state: FollowState): void {
    const following = followNoticeOf(state);
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
    const { conversationId, id: runId } = this.record;
    this.dependencies.events.emit('runEvents', { conversationId, runId, events });
  }
}
