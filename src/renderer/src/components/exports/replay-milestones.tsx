import { describeMilestone, type RunMilestone, type RunMilestoneKind } from 'durable-agent/run-view';

/** The milestones a replay lists, in the library's words (the app's live timeline also lists worker checks, budgets and steers). */
const SHOWN: ReadonlySet<RunMilestoneKind> = new Set([
  'attempt-started',
  'attempt-reset',
  'tool-called',
  'tool-result',
  'approval-requested',
  'approval-resolved',
  'context-compacted',
  'continued-as-new',
  'sub-agent-started',
  'sub-agent-finished',
  'finished',
  'failed',
]);

/** The replayed run's timeline so far. */
export function ReplayMilestones({ milestones }: { readonly milestones: readonly RunMilestone[] }) {
  const lines = milestones
    .filter((milestone) => SHOWN.has(milestone.kind))
    .map((milestone) => ({ seq: milestone.seq, kind: milestone.kind, text: describeMilestone(milestone) }));
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
