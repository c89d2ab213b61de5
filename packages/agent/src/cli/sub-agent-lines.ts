import { describeModelCalls } from '../common/run-usage';
import type { RunMilestone, RunView } from '../runs/run-view';
import { visibleLine, visibleText } from './terminal-text';

type SubAgentMilestone = Extract<RunMilestone, { kind: 'sub-agent-started' | 'sub-agent-finished' }>;

/**
 * The CLI's lines for a delegation: a `[sub-agent <name>]` header when it starts, and when it ends the
 * child's answer indented under the header, then its outcome (model calls, retries, tokens).
 */
export function subAgentLines(milestone: SubAgentMilestone, view: RunView): string[] {
  const header = `[sub-agent ${visibleLine(milestone.agentName)}]`;
  if (milestone.kind === 'sub-agent-started') return [`${header} ${visibleLine(milestone.workflowId)}`];
  const child = view.subAgents?.find((each) => each.workflowId === milestone.workflowId);
  const text = visibleText(child?.text ?? '').trimEnd();
  const body = text === '' ? [] : [header, ...text.split('\n').map((line) => `  ${line}`)];
  const tokens = child?.usage ? `, ${child.usage.totalTokens} tokens` : '';
  const modelCalls = child?.rounds ?? milestone.attempts;
  const calls = describeModelCalls(modelCalls, Math.max(0, milestone.attempts - modelCalls));
  return [...body, `${header} ${milestone.status} (${calls}${tokens})`];
}
