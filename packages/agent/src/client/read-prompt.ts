import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AgentRunInput } from '../common/types';

/** The prompt of a run, read from the input recorded in its history (for a run this process did not start). */
export async function readPrompt(client: Client, handle: WorkflowHandle): Promise<string> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: handle.workflowId },
    maximumPageSize: 1,
  });
  const payload =
    response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = payload ? defaultPayloadConverter.fromPayload<AgentRunInput>(payload) : undefined;
  const last = input?.messages.at(-1);
  return last?.role === 'user' ? last.content : '';
}
