import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AgentRunInput, ConversationMessage } from '../common/types';

/**
 * What a run adds to its conversation before its own messages — the results of client-side tool calls
 * and the prompt — read from the input recorded in its history (for a run this process did not start).
 */
export async function readAddedMessages(
  client: Client,
  handle: WorkflowHandle,
): Promise<ConversationMessage[]> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: handle.workflowId },
    maximumPageSize: 1,
  });
  const payload =
    response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = payload ? defaultPayloadConverter.fromPayload<AgentRunInput>(payload) : undefined;
  if (!input) return [{ role: 'user', content: '' }];
  return addedMessagesOf(input);
}

/** The trailing messages of a run's input that the run adds (the prompt alone for inputs that do not say). */
export function addedMessagesOf(input: AgentRunInput): ConversationMessage[] {
  if (input.addedMessages !== undefined)
    return input.messages.slice(input.messages.length - input.addedMessages);
  const last = input.messages.at(-1);
  return [last?.role === 'user' ? last : { role: 'user', content: '' }];
}
