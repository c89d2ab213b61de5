import { randomUUID } from 'node:crypto';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { sleep } from '../stats.mjs';
import { PEER_TOPIC } from './peer-topic.mjs';

const decoder = new TextDecoder();

/**
 * One peer run read as its documentation shows: start the workflow, subscribe to the model's topic of the
 * workflow's stream, join the `text-delta` parts. First token, arrivals, the text read and the result. A
 * poll refused because the run's workflow task failed (the peer's sandbox is heavy: under load its tasks
 * time out) is counted and polled again from the same offset, as a careful reader would.
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
  let offset = 0;
  let finished = false;
  /** Polls refused because the run's workflow task had failed (it is retried; the reader polls again). */
  let refusedPolls = 0;
  while (!finished) {
    try {
      for await (const item of stream.subscribe(PEER_TOPIC, offset, { resultType: true })) {
        offset = item.offset + 1;
        const part = JSON.parse(decoder.decode(item.data));
        if (part.type === 'text-delta' && part.delta) {
          arrivals.push(performance.now() - startedAt);
          text += part.delta;
          onDelta?.(part.delta);
        }
        if (part.type === 'finish') break;
      }
      finished = true;
    } catch (error) {
      if (!/Workflow Task in failed state/.test(String(error.cause ?? error))) throw error;
      refusedPolls++;
      await sleep(200);
    }
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
    refusedPolls,
  };
}
