import { describeModelCalls, type RunViewSubAgent } from 'durable-agent/run-view';
import { MarkdownText } from '../chat/markdown-text';

/** The sub-agents an answer delegated to: one collapsible block each (child workflow, outcome, answer). */
export function SubAgentBlocks({
  subAgents,
}: {
  readonly subAgents: readonly RunViewSubAgent[] | undefined;
}) {
  if (!subAgents || subAgents.length === 0) return null;
  return (
    <div className="sub-agents">
      {subAgents.map((agent) => (
        <details
          key={agent.workflowId}
          className="sub-agent"
          data-status={agent.status}
          aria-label={`Sub-agent ${agent.agentName}`}
        >
          <summary>
            <span className="sub-agent-name">Sub-agent {agent.agentName}</span>
            <span className="sub-agent-meta">
              {' · '}
              {agent.status}
              {agent.rounds !== undefined &&
                ` · ${describeModelCalls(agent.rounds, Math.max(0, (agent.attempts ?? agent.rounds) - agent.rounds))}`}
              {agent.usage && ` · ${agent.usage.totalTokens} tokens`}
              {' · '}
              <code title={agent.workflowId}>…/{agent.workflowId.split('/').slice(-2).join('/')}</code>
            </span>
          </summary>
          {agent.text !== '' ? (
            <MarkdownText text={agent.text} streaming={false} />
          ) : (
            <p className="sub-agent-waiting">working…</p>
          )}
        </details>
      ))}
    </div>
  );
}
