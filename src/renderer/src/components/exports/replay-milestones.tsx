import { describeCompaction, type RunMilestone } from 'durable-agent/run-view';

/** One timeline line of a replayed run (the same milestones the live timeline is made from). */
function milestoneLine(milestone: RunMilestone): string | undefined {
  switch (milestone.kind) {
    case 'attempt-started':
      // "attempt N" only for a retry: a first call is just a model call.
      return milestone.attempt > 1
        ? `model call, attempt ${milestone.attempt} started`
        : 'model call started';
    case 'attempt-reset':
      return `attempt ${milestone.attempt} replaces attempt ${milestone.attempt - 1} (${milestone.reason})`;
    case 'tool-called':
      return `tool ${milestone.name} called`;
    case 'tool-result':
      return `tool ${milestone.name} returned`;
    case 'approval-requested':
      return `${milestone.approval.toolName} waits for approval`;
    case 'approval-resolved':
      return `approval ${milestone.approved ? 'given' : 'refused'} (${milestone.decidedBy})`;
    case 'context-compacted':
      return describeCompaction(milestone);
    case 'sub-agent-started':
      return `sub-agent ${milestone.agentName} started`;
    case 'sub-agent-finished':
      return `sub-agent ${milestone.agentName} ${milestone.status} (${milestone.attempts === 1 ? '1 model call' : `${milestone.attempts} model-call attempts`})`;
    case 'finished':
      return `run ${milestone.status}`;
    case 'failed':
      return `run failed: ${milestone.error.message}`;
    default:
      return undefined;
  }
}

/** The replayed run's timeline so far. */
export function ReplayMilestones({ milestones }: { readonly milestones: readonly RunMilestone[] }) {
  const lines = milestones.flatMap((milestone) => {
    const text = milestoneLine(milestone);
    return text ? [{ seq: milestone.seq, kind: milestone.kind, text }] : [];
  });
  return (
    <ol className="timeline replay-timeline" aria-label="Replay timeline">
      {lines.map((line) => (
        <li key={`${line.seq}-${line.kind}`} className="timeline-entry" data-kind={line.kind}>
          <span className="timeline-marker" aria-hidden="true" />
          <span className="timeline-detail">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
