// A tool of your own that needs a person's approval: the run waits durably (across any restart) until
// `run.approve()` answers. Needs a Temporal server: `npx durable-agent dev-server` (or TEMPORAL_ADDRESS),
// and zod 4 in your project (`npm install zod@4`: tools' schemas are zod 4 or JSON Schema).
import {
  Agent,
  AgentWorker,
  asControlEvent,
  defineTool,
  openAICompatible,
  startDemoModel,
} from 'durable-agent';
import { z } from 'zod';

const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const notes = [];
const saveNote = defineTool({
  name: 'saveNote',
  description: 'Saves a note for the user',
  parameters: z.object({ text: z.string() }),
  requiresApproval: true, // the run asks before each call
  execute: ({ text }) => {
    notes.push(text);
    return `saved note #${notes.length}`;
  },
});

const model = await startDemoModel();
const worker = await AgentWorker.create({
  name: 'assistant',
  instructions: 'You are a helpful assistant.',
  taskQueue: 'tools-and-approvals',
  temporal: { address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
  tools: [saveNote],
});
const running = worker.run();
const agent = await Agent.create({
  name: 'assistant',
  taskQueue: 'tools-and-approvals',
  temporal: { address },
});

// The demo model calls any tool on "call <tool> with <json>"; a real model decides by itself.
const run = await agent.stream('call saveNote with {"text": "buy milk"}');
for await (const event of run.events()) {
  const control = asControlEvent(event);
  if (control?.name === 'approval-request') {
    console.log(`[approval] ${control.value.toolName} ${control.value.arguments}`);
    await run.approve(control.value.toolCallId, { approved: true }); // or { approved: false, reason }
  }
}
const { result } = await agent.settle(run); // follows the run to its end (and stores it, with `conversations`)
console.log(`notes: ${JSON.stringify(notes)}`);
console.log(`status=${result.status}`);

await agent.close();
await worker.shutdown();
await running;
await model.close();
