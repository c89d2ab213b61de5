import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface WorkerCheckProgress {
  readonly state: 'waiting' | 'found' | 'timed-out';
  readonly elapsedMs: number;
}

/** Checks often at first (a live worker picks a run up within milliseconds), then every 250 ms. */
const pollInterval = (elapsedMs: number) => (elapsedMs < 1000 ? 20 : 250);
const { EventType } = temporal.api.enums.v1;

/**
 * The interactive worker check: after submission, waits until a worker picks up the run's first
 * workflow task. True as soon as one does; false when `timeoutMs` passes first.
 */
export async function waitForWorker(
  client: Client,
  handle: WorkflowHandle,
  timeoutMs: number,
  onProgress: (progress: WorkerCheckProgress) => void,
): Promise<boolean> {
  const startedAt = Date.now();
  let announced = false;
  for (;;) {
    const elapsedMs = Date.now() - startedAt;
    if (await workflowTaskStarted(client, handle)) {
      if (announced) onProgress({ state: 'found', elapsedMs });
      return true;
    }
    if (elapsedMs >= timeoutMs) {
      onProgress({ state: 'timed-out', elapsedMs });
      return false;
    }
    if (!announced && elapsedMs >= 1000) {
      announced = true;
      onProgress({ state: 'waiting', elapsedMs });
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(pollInterval(elapsedMs), Math.max(1, timeoutMs - elapsedMs))),
    );
  }
}

async function workflowTaskStarted(client: Client, handle: WorkflowHandle): Promise<boolean> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: handle.workflowId },
    maximumPageSize: 20,
  });
  return (response.history?.events ?? []).some(
    (event) =>
      event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ||
      event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ||
      event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  );
}
