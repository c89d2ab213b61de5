import { defaultPayloadConverter } from '@temporalio/common';
import type { AgentRunInput } from 'durable-agent';
import { historyEvents } from '../../../packages/agent/test/support/workflow-history';

/** The input a run's workflow started with, read back from Temporal's history. */
export async function workflowInput(workflowId: string): Promise<AgentRunInput> {
  const [started] = await historyEvents(workflowId);
  const payload = started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error(`${workflowId} started with no input`);
  return defaultPayloadConverter.fromPayload<AgentRunInput>(payload);
}
