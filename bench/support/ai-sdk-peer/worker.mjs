// A Temporal worker for the peer: the AiSdkPlugin with an OpenAI-compatible provider for the bench's demo
// model, the prebuilt peer workflow bundle. Prints "peer worker running" once it polls.
//   PEER_TEMPORAL_ADDRESS, PEER_TASK_QUEUE, PEER_MODEL_BASE_URL, PEER_WORKFLOW_BUNDLE
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { AiSdkPlugin } from '@temporalio/ai-sdk';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';

Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
const connection = await NativeConnection.connect({ address: process.env.PEER_TEMPORAL_ADDRESS });
const provider = createOpenAICompatible({
  name: 'demo',
  baseURL: process.env.PEER_MODEL_BASE_URL,
  apiKey: 'demo',
});
const worker = await Worker.create({
  connection,
  taskQueue: process.env.PEER_TASK_QUEUE,
  workflowBundle: { codePath: process.env.PEER_WORKFLOW_BUNDLE },
  plugins: [new AiSdkPlugin({ modelProvider: provider })],
});
process.once('SIGINT', () => worker.shutdown());
console.log('peer worker running');
await worker.run();
await connection.close();
