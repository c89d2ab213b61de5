import type { ControlEventOf } from '../common/events';
import type { RunViewSubAgent } from './run-view';
import type { AddMilestone, RunViewDraft } from './run-view-draft';

type SubAgentEvent = ControlEventOf<'sub-agent-started'> | ControlEventOf<'sub-agent-finished'>;

/**
 * A delegation to a sub-agent: `sub-agent-started` opens its block, `sub-agent-finished` fills in its
 * outcome and adds its usage to the run's (the run's usage is the sum over every agent; each block
 * keeps its own).
 */
export function applySubAgentEvent(
  next: RunViewDraft,
  control: SubAgentEvent,
  milestone: AddMilestone,
): void {
  const { agentName, toolCallId, workflowId, runId } = control.value;
  const known = (next.subAgents ?? []).find((each) => each.workflowId === workflowId);
  if (control.name === 'sub-agent-started') {
    if (known) return;
    const started: RunViewSubAgent = {
      agentName,
      toolCallId,
      workflowId,
      runId,
      status: 'running',
      text: '',
    };
    next.subAgents = [...(next.subAgents ?? []), started];
    milestone({ kind: 'sub-agent-started', agentName, toolCallId, workflowId });
    return;
  }
  if (known && known.status !== 'running') return;
  const { status, text, usage, attempts, rounds } = control.value;
  const finished: RunViewSubAgent = {
    agentName,
    toolCallId,
    workflowId,
    runId,
    status,
    text,
    usage,
    attempts,
    rounds,
  };
  next.subAgents = known
    ? (next.subAgents ?? []).map((each) => (each.workflowId === workflowId ? finished : each))
    : [...(next.subAgents ?? []), finished];
  next.usage = {
    ...next.usage,
    promptTokens: next.usage.promptTokens + usage.promptTokens,
    completionTokens: next.usage.completionTokens + usage.completionTokens,
    totalTokens: next.usage.totalTokens + usage.totalTokens,
  };
  milestone({ kind: 'sub-agent-finished', agentName, toolCallId, workflowId, status, attempts });
}
