import type { TimelineEntry, TimelineKind } from '../../../../shared/models';
import { formatTimeOfDay } from '../../format/format-clock';
import { formatWorkflowId } from '../../format/format-workflow-id';

const tones: Record<TimelineKind, 'neutral' | 'info' | 'good' | 'warn' | 'bad'> = {
  submitted: 'neutral',
  'worker-check': 'warn',
  'worker-found': 'good',
  'attempt-started': 'info',
  'worker-lost': 'bad',
  'attempt-reset': 'warn',
  'approval-asked': 'warn',
  'approval-answered': 'info',
  'sub-agent': 'info',
  completed: 'good',
  failed: 'bad',
  cancelled: 'warn',
  budget: 'warn',
  'budget-exhausted': 'bad',
  steer: 'info',
  compacted: 'info',
  continued: 'neutral',
};

/** The run's story, oldest first: submitted, worker check, attempts, worker lost, reset, approvals, end. */
export function RunTimeline({
  entries,
  workflowId,
}: {
  readonly entries: readonly TimelineEntry[];
  readonly workflowId: string;
}) {
  if (entries.length === 0) return null;
  const shortId = formatWorkflowId(workflowId);
  return (
    <ol className="timeline" aria-label="Run timeline">
      {entries.map((entry) => (
        <li key={entry.id} className={`timeline-entry tone-${tones[entry.kind]}`} data-kind={entry.kind}>
          <span className="timeline-marker" aria-hidden="true" />
          <time dateTime={entry.at}>{formatTimeOfDay(entry.at)}</time>
          <span className="timeline-detail">{entry.detail.replace(workflowId, shortId)}</span>
        </li>
      ))}
    </ol>
  );
}
