import { randomUUID } from 'node:crypto';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';

const decoder = new TextDecoder();

/**
 * One peer run read as its documentation shows: start the workflow, subscribe to the model's topic of the
 * workflow's stream, join the `text-delta` parts. First token, arrivals, the text read and the result.
 */
export async function streamPeer(client, taskQueue, prompt, { onStart, onDelta } = {}) {
  const startedAt = performance.now();
  const workflowId = `ai-sdk-peer/${randomUUID()}`;
  const handle = await client.workflow.start('aiSdkPeerRun', {
    taskQueue,
    workflowId,
    args: [{ prompt }],
    workflowExecutionTimeout: '5 minutes',
  });
  const submittedMs = performance.now() - startedAt;
  onStart?.(workflowId);
  const stream = WorkflowStreamClient.create(client, workflowId);
  const arrivals = [];
  let text = '';
  for await (const item of stream.subscribe('model-parts', 0, { resultType: true })) {
    const part = JSON.parse(decoder.decode(item.data));
    if (part.type === 'text-delta' && part.delta) {
      arrivals.push(performance.now() - startedAt);
      text += part.delta;
      onDelta?.(part.delta);
    }
    if (part.type === 'finish') break;
  }
  const readMs = performance.now() - startedAt;
  const result = await handle.result();
  return {
    id: workflowId,
    submittedMs,
    firstTokenMs: arrivals[0],
    arrivals,
    totalMs: readMs,
    text,
    result: result.text,
  };
}
