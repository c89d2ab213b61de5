import {
  describeMilestone,
  type MilestoneWording,
  type RunMilestone,
  type RunMilestoneKind,
} from 'durable-agent';
import type { TimelineKind } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { isWriteFailure } from '../history/save-status';
import type { NewTimelineEntry } from '../history/timeline-table';
import type { HostEvents } from '../host-events';

export type TimelineDraft = Omit<NewTimelineEntry, 'runId' | 'at'>;

/** The timeline's kind of each milestone; none for the ending (finalization writes it) and tool calls (the answer shows them). */
const TIMELINE_KINDS: Record<RunMilestoneKind, TimelineKind | undefined> = {
  'worker-waiting': 'worker-check',
  'worker-timed-out': 'worker-check',
  'worker-found': 'worker-found',
  'attempt-started': 'attempt-started',
  'attempt-reset': 'attempt-reset',
  'approval-requested': 'approval-asked',
  'approval-resolved': 'approval-answered',
  'budget-reached': 'budget',
  'steer-received': 'steer',
  'context-compacted': 'compacted',
  'continued-as-new': 'continued',
  'sub-agent-started': 'sub-agent',
  'sub-agent-finished': 'sub-agent',
  'tool-called': undefined,
  'tool-result': undefined,
  finished: undefined,
  failed: undefined,
};

/** The timeline line of a milestone of the run's view, in the library's words (`describeMilestone`). */
export function timelineDraftOf(
  milestone: RunMilestone,
  wording?: MilestoneWording,
): TimelineDraft | undefined {
  const kind = TIMELINE_KINDS[milestone.kind];
  if (kind === undefined) return undefined;
  const attempt = 'attempt' in milestone ? { attempt: milestone.attempt } : {};
  return { kind, ...attempt, detail: describeMilestone(milestone, wording) };
}

/**
 * Writes one line of a run's timeline and tells the UI. A line a full disk refuses is lost (the save
 * notice says so); whatever wrote it goes on.
 */
export function appendTimelineLine(store: HistoryStore, events: HostEvents, line: NewTimelineEntry): void {
  try {
    const entry = store.timeline.append(line);
    store.saving.succeeded();
    if (entry) events.emit('timelineAppended', entry);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    store.saving.failed(error);
  }
}
