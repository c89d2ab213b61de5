import type { AgentEvent } from '../common/events';
import type { AgentRunResult, ApprovalDecision, ConversationMessage } from '../common/types';
import type { LostWorkerWait } from './lost-worker-watch';
import type { RunView } from './run-view';
import type { TemporalIdentity } from './temporal-identity';
import type { DelegatingRun, SubAgentMilestone } from './watch-sub-agent';

/**
 * How following goes: `live` (Temporal answers), `reconnecting` (Temporal cannot be reached: nothing is
 * decided, following goes on when it is back), `other-temporal` (the run lives on a Temporal this client
 * is not connected to), then `finished` or `stopped` (the caller stopped following; the run goes on).
 */
export type FollowState =
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly since: string; readonly error: string }
  | { readonly kind: 'other-temporal'; readonly message: string }
  /**
   * Events stopped while an attempt runs, and Temporal shows its worker silent: nobody supervised that
   * worker, so the attempt is retried once the heartbeat timeout passes (`message` says so, with the time left).
   */
  | {
      readonly kind: 'worker-lost';
      readonly heartbeatTimeoutMs: number;
      readonly remainingMs: number;
      readonly message: string;
    }
  | { readonly kind: 'finished' }
  | { readonly kind: 'stopped' };

/** How `agent.submit` / `agent.follow` follow a run: the view to resume from, and callbacks for events and state changes. */
export interface FollowOptions {
  /** A view saved earlier (`journal.progress`): events are read after its `lastSeq`. */
  readonly from?: RunView;
  /** `journal.progress` is called at most this often, and at once when a milestone is reached; default 250 ms. */
  readonly progressIntervalMs?: number;
  /** Each event as it is applied, with the view after it (for live displays). */
  readonly onEvent?: (event: AgentEvent, view: RunView) => void;
  /** Called when following changes state: live, reconnecting, on another Temporal, finished or stopped. */
  readonly onState?: (state: FollowState) => void;
  /**
   * Each milestone of the run's sub-agents, read from their own logs (`watchSubAgent`) as they start — their
   * model-call attempts name their worker. The ending waits for them. Sub-agents started before following
   * began (a view resumed with `from`) are not read.
   */
  readonly onSubAgentMilestone?: (milestone: SubAgentMilestone) => void;
  /** A sub-agent's log could not be read (its milestones are left out; following goes on). */
  readonly onSubAgentError?: (agentName: string, error: unknown) => void;
}

/**
 * What following needs of a run (the client's `AgentRun` is one): its events from an offset, its result,
 * whether its worker went silent, and the verbs a follower passes on.
 */
export interface FollowableRun {
  events(options: { fromSeq?: number }): AsyncIterable<AgentEvent>;
  result(): Promise<AgentRunResult>;
  /** What the run adds to its conversation: the messages it was given, then its own (none when it made none). */
  messagesAdded(result: AgentRunResult): Promise<ConversationMessage[]>;
  lostWorkerWait(): Promise<LostWorkerWait | undefined>;
  cancel(): Promise<void>;
  approve(toolCallId: string, decision: ApprovalDecision): Promise<void>;
  steer(text: string): Promise<unknown>;
  /** The run's sub-agents' own runs (for `onSubAgentMilestone`). */
  subAgent?: DelegatingRun['subAgent'];
}

/** Where a followed run comes from: the agent that attaches to it (and, for a new run, starts it). */
export interface RunSource {
  attach(id: string): Promise<FollowableRun>;
  identity(): Promise<TemporalIdentity>;
}
