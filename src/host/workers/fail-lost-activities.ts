import type { WorkerInfo } from '../../shared/models';
import type { AgentClients } from '../agent/agent-clients';
import type { WorkerEnd } from './supervised-worker';

/** Why a worker's attempts were lost, as Temporal's history and the next attempt tell it. */
export function lostWorkerReason(end: WorkerEnd): string {
  const { code, signal } = end.exit;
  if (end.reason === 'killed') return `the worker process was killed (${signal ?? 'SIGKILL'})`;
  if (signal) return `the worker process ended by ${signal}`;
  return `the worker process exited (code ${code ?? 'unknown'})`;
}

/**
 * The host saw a worker process end: every activity it was running (model calls, tool calls — MCP ones too —,
 * its sub-agents' calls) is failed in Temporal at once (as retryable, smallest retry delay), so the next
 * attempt starts on a live worker instead of after the heartbeat timeout. Only those the dead worker still
 * runs are failed (its identity is checked). A graceful stop hands its calls back itself.
 */
export async function failLostActivities(
  agents: AgentClients,
  worker: WorkerInfo,
  end: WorkerEnd,
  log: (line: string) => void,
): Promise<void> {
  const lost = end.lost.flatMap((activity) =>
    activity.activityId === undefined
      ? []
      : [
          {
            workflowId: activity.workflowId,
            workflowRunId: activity.workflowRunId,
            activityId: activity.activityId,
          },
        ],
  );
  if (lost.length === 0) return;
  const reason = lostWorkerReason(end);
  try {
    const agent = await agents.current();
    const failed = await agent.failLostActivities(lost, {
      reason,
      ...(end.identity ? { workerIdentity: end.identity } : {}),
    });
    log(`${worker.label}: ${reason}; failed ${failed} of its ${lost.length} call(s) in Temporal at once`);
  } catch (error) {
    // Temporal's heartbeat timeout still notices the lost calls, later.
    log(`${worker.label}: ${reason}; could not fail its calls at once: ${String(error)}`);
  }
}
