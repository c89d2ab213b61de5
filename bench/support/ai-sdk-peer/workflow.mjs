// The peer's run, written as @temporalio/ai-sdk 1.23.0 documents streaming: AI SDK `streamText` in the
// workflow, the model call as its streaming activity (which publishes every raw stream part to a topic of
// the workflow's stream, batched every 100 ms by default), and the workflow hosting that stream.
import { TemporalProvider } from '@temporalio/ai-sdk/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import { streamText } from 'ai';
import { PEER_TOPIC } from './peer-topic.mjs';

/** One prompt, one streamed answer; returns the answer's text. */
export async function aiSdkPeerRun({ prompt }) {
  new WorkflowStream();
  const provider = new TemporalProvider({
    languageModel: {
      startToCloseTimeout: '10 minutes',
      // The activity heartbeats on every part; the same 10 s as Durable Agent's model call, so a kill -9 is
      // noticed as soon (without it, only the 10-minute start-to-close timeout would).
      heartbeatTimeout: '10 seconds',
      streamingTopic: PEER_TOPIC,
    },
  });
  const result = streamText({ model: provider.languageModel('demo'), prompt });
  return { text: await result.text };
}
