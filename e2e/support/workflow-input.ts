import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AgentRunInput } from 'durable-agent';

/** The input a workflow was started with, read back from its history on the Temporal at `address`. */
export async function readWorkflowInput(
  address: string,
  workflowId: string,
  namespace = 'default',
): Promise<AgentRunInput> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (payload == null) throw new Error(`the history of ${workflowId} starts without an input`);
    return defaultPayloadConverter.fromPayload<AgentRunInput>(payload);
  } finally {
    await connection.close();
  }
}
