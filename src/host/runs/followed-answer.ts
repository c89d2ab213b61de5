import {
  answerOf,
  type FollowedRun,
  type FollowOptions,
  type RunEnding,
  type RunFollower,
  type RunFollowers,
  type WorkerLoss,
} from 'durable-agent';
import type { ChatMessage, RunInfo, WorkerActivity, WorkerInfo } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HostEvents } from '../host-events';
import { HistoryJournal } from './history-journal';
import { RunTimeline } from './run-timeline';

export interface FollowedAnswerDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly log: (line: string) => void;
  /** A run ended and its answer is stored. */
  readonly onConversationsChanged: () => void;
  /** The journal's progress is saved at most this often (and at once at each milestone). */
  readonly persistIntervalMs: number;
  /** The app's worker polling Temporal with this identity, if one is. */
  readonly workerNamed: (identity: string) => WorkerInfo | undefined;
}

/** Starts following (submits a new run, or follows a recorded one) with the library, into this journal. */
export type Follow = (journal: HistoryJournal, options: FollowOptions) => Promise<FollowedRun>;

/**
 * One answer being written: the library's `RunFollower` follows its run (and its sub-agents) into a
 * `HistoryJournal`; this writes the run's timeline, with what only the app knows — which of its workers ran
 * each attempt, a worker lost before Temporal noticed — and tells the UI (events, run and timeline changes).
 */
export class FollowedAnswer {
  private readonly timeline: RunTimeline;
  private readonly follower: RunFollower<FollowedAnswer>;
  /** Resolves with the ending once the answer is stored; undefined when following stopped (or failed). */
  readonly done: Promise<RunEnding | undefined>;

  /**
   * `follow` submits a new run (tried once: a refusal is the sender's answer) or follows a recorded one
   * (the library retries that until an agent can be made, e.g. Temporal unreachable at start-up).
   */
  constructor(
    private readonly record: RunRecord,
    followers: RunFollowers<FollowedAnswer>,
    private readonly dependencies: FollowedAnswerDependencies,
    follow: Follow,
  ) {
    const { store, events, log, persistIntervalMs, workerNamed } = dependencies;
    const { id: runId, conversationId } = record;
    this.timeline = new RunTimeline(store, events, runId, workerNamed);
    const journal = new HistoryJournal(store, events, record);
    this.follower = followers.follow(
      { runId, conversationId },
      (options) => follow(journal, options),
      {
        from: record.view,
        progressIntervalMs: persistIntervalMs,
        onMilestone: (milestone) => this.timeline.milestone(milestone),
        onChange: () => this.changed(),
        onEvents: (batch) => events.emit('runEvents', { conversationId, runId, events: [...batch] }),
        onNotice: () => this.changed(),
        onEnded: () => dependencies.onConversationsChanged(),
        onSubAgentMilestone: (milestone) => this.timeline.subAgent(milestone),
        onSubAgentError: (agentName, error) =>
          log(`run ${runId}: sub-agent ${agentName} not read (${String(error)})`),
      },
      this,
    );
    this.done = this.follower.done.catch((error: unknown) => {
      log(`run ${runId}: following failed (${String(error)})`);
      return undefined;
    });
  }

  /** Resolves once following began; rejects when a new run's submission failed (its answer is stored failed). */
  get started(): Promise<void> {
    return this.follower.started;
  }

  info(): RunInfo {
    const { lostAttempt } = this.timeline;
    const { view, notice } = this.follower;
    return {
      ...toRunInfo(this.record),
      view,
      ...(notice ? { following: notice } : {}),
      ...(lostAttempt !== undefined ? { lostAttempt } : {}),
    };
  }

  /** The streaming answer as it is now (the stored one lags by at most the persist interval). */
  liveMessage(message: ChatMessage): ChatMessage {
    return { ...message, ...answerOf(this.follower.view) };
  }

  /** One of our workers ended while running `lost` (a model call's attempt, a tool call…) of this run. */
  workerLost(worker: WorkerInfo, how: WorkerLoss['how'], lost: WorkerActivity, pid?: number): void {
    if (this.follower.active && this.timeline.workerLost(worker, how, lost, pid)) this.changed();
  }

  private changed(): void {
    this.dependencies.events.emit('runUpdated', this.info());
  }
}
