import type { AgentEvent } from '../common/events';
import { applyRunEvent } from './apply-run-event';
import { EMPTY_RUN_VIEW, type RunMilestone, type RunView, type RunViewSubAgent } from './run-view';

/** A milestone of a sub-agent's own run; `agents` names the delegations down to it (`['researcher']`). */
export interface SubAgentMilestone {
  readonly agents: readonly string[];
  readonly milestone: RunMilestone;
}

/** A delegation of the parent's view (`view.subAgents`): which child run to read. */
export type SubAgentStart = Pick<RunViewSubAgent, 'agentName' | 'workflowId' | 'runId'>;

/** What reading sub-agents needs of a run (the client's `AgentRun` is one): its delegations' own runs. */
export interface DelegatingRun {
  subAgent(start: SubAgentStart): DelegatingRun & {
    events(options: { live?: boolean; signal?: AbortSignal }): AsyncIterable<AgentEvent>;
  };
}

/**
 * Reads a sub-agent's own event log (its child workflow's) to its end and hands on each milestone of its
 * view, in order — its model-call attempts name their worker, as a run's own do — and, the same way and
 * concurrently, those of the sub-agents it delegates to. A sub-agent's events stay in its own log (its
 * parent's has only `sub-agent-started`/`-finished`), so this is how a follower of the parent sees them
 * (`FollowOptions.onSubAgentMilestone` does it for a followed run). Resolves when every one has ended, or
 * when `signal` aborts; throws what reading throws.
 */
export async function watchSubAgent(
  parent: DelegatingRun,
  start: SubAgentStart,
  onMilestone: (milestone: SubAgentMilestone) => void,
  options: { readonly signal?: AbortSignal; readonly agents?: readonly string[] } = {},
): Promise<void> {
  const agents = [...(options.agents ?? []), start.agentName];
  const run = parent.subAgent(start);
  const nested: Promise<void>[] = [];
  let view = EMPTY_RUN_VIEW;
  try {
    for await (const event of run.events({
      live: false,
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      const before = view.milestones.length;
      view = applyRunEvent(view, event);
      for (const milestone of view.milestones.slice(before)) {
        onMilestone({ agents, milestone });
        const child = subAgentStarted(view, milestone);
        if (child) nested.push(watchSubAgent(run, child, onMilestone, { ...options, agents }));
      }
    }
  } finally {
    await Promise.allSettled(nested);
  }
}

/** The delegation a `sub-agent-started` milestone begins, from the view's sub-agents. */
export function subAgentStarted(view: RunView, milestone: RunMilestone): RunViewSubAgent | undefined {
  if (milestone.kind !== 'sub-agent-started') return undefined;
  return view.subAgents?.find((each) => each.workflowId === milestone.workflowId);
}
