import type { ActivityEvent } from 'durable-agent';
import type { WorkerInfo } from '../../shared/models';
import type { TimelineDraft } from './milestone-timeline';

/**
 * The parent run of a sub-agent's activity: a child's run id is `<parent run id>.<agent>.<n>` (and its
 * workflow id `<parent workflow id>/<agent>/<n>`); undefined for a run's own activity.
 */
export function parentRunOf(event: ActivityEvent): string | undefined {
  const parts = event.workflowId.split('/');
  if (parts.length < 5) return undefined;
  return event.runId.split('.')[0];
}

/** The timeline line of a sub-agent's model call (or tool call) on one of our workers. */
export function subAgentAttemptLine(worker: WorkerInfo, event: ActivityEvent): TimelineDraft {
  const parts = event.workflowId.split('/');
  const agent = parts.at(-2) ?? 'sub-agent';
  const what =
    event.activity === 'callTool'
      ? 'tool call'
      : event.activity === 'compactMessages'
        ? 'summary of earlier turns'
        : 'model call';
  const where = `${worker.label}${worker.pid ? ` (pid ${worker.pid})` : ''}`;
  const phase =
    event.phase === 'started' ? 'started on' : event.phase === 'completed' ? 'completed on' : 'failed on';
  return {
    kind: 'sub-agent',
    attempt: event.attempt,
    workerId: worker.id,
    detail: `sub-agent ${agent}: ${what}${event.attempt > 1 ? `, attempt ${event.attempt},` : ''} ${phase} ${where}${event.error ? ` (${event.error})` : ''}`,
  };
}
