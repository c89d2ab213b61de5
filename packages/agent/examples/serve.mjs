// The agent behind an AG-UI endpoint (what `durable-agent serve` runs): any AG-UI client — the stock
// @ag-ui/client HttpAgent, CopilotKit — POSTs RunAgentInput and reads Server-Sent Events.
// Needs a Temporal server: `npx durable-agent dev-server` (or TEMPORAL_ADDRESS).
import { createServer } from 'node:http';
import { Agent, AgentWorker, createAgUiHandler, openAICompatible, startDemoModel } from 'durable-agent';

const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const model = await startDemoModel();
const worker = await AgentWorker.create({
  name: 'assistant',
  instructions: 'You are a helpful assistant.',
  taskQueue: 'serve',
  temporal: { address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
});
const running = worker.run();
const agent = await Agent.create({ name: 'assistant', taskQueue: 'serve', temporal: { address } });

const server = createServer(createAgUiHandler({ agent })).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${server.address().port}/agent`;
console.log(`AG-UI endpoint: ${url}`);

// What an AG-UI client sends: a thread, a run, the messages.
const response = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
  body: JSON.stringify({
    threadId: 'thread-1',
    runId: crypto.randomUUID(),
    messages: [{ id: 'message-1', role: 'user', content: 'Hello' }],
    tools: [],
    context: [],
  }),
});
let text = '';
const types = [];
for (const block of (await response.text()).split('\n\n')) {
  const data = block.split('\n').find((line) => line.startsWith('data: '));
  if (!data) continue;
  const event = JSON.parse(data.slice('data: '.length));
  types.push(event.type);
  if (event.type === 'TEXT_MESSAGE_CONTENT') text += event.delta;
}
console.log(`events: ${types[0]} … ${types.at(-1)}`);
console.log(`answer: ${text}`);

server.close();
await agent.close();
await worker.shutdown();
await running;
await model.close();
