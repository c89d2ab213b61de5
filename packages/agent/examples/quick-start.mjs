// The README's library example: a worker and an agent in one process, the offline demo model, and
// a streamed answer. Needs a Temporal server: `npx durable-agent dev-server` (or TEMPORAL_ADDRESS).
import {
  Agent,
  AgentWorker,
  answerText,
  applyRunEvent,
  calculator,
  currentTime,
  EMPTY_RUN_VIEW,
  InMemoryConversationStore,
  InMemoryRunJournal,
  openAICompatible,
  startDemoModel,
} from 'durable-agent';

const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const model = await startDemoModel(); // offline, OpenAI-compatible; use your own baseURL/apiKey/model instead

// The worker: usually its own process (or many, on many machines). It holds the model key and the tools.
const worker = await AgentWorker.create({
  name: 'assistant',
  instructions: 'You are a helpful assistant.',
  taskQueue: 'quick-start',
  temporal: { address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
  tools: [calculator, currentTime],
});
const running = worker.run();

// The client: starts runs, streams their AG-UI events, re-attaches after any crash.
const agent = await Agent.create({
  name: 'assistant',
  taskQueue: 'quick-start',
  temporal: { address },
  conversations: new InMemoryConversationStore(),
});
const run = await agent.stream('What is 12 * 7?', { conversationId: 'readme' });
let view = EMPTY_RUN_VIEW; // the run's view: text (a retried attempt's old text dropped), tool calls, usage…
for await (const event of run.events()) {
  view = applyRunEvent(view, event);
  if (event.type === 'TOOL_CALL_START') console.log(`[tool] ${event.toolCallName}`);
}
// Settle the run: follow it to Temporal's final word and store what it adds to the conversation, once.
// (`run.result()` only reads the ending; `agent.run(prompt)` is stream + settle in one call.)
const { result } = await agent.settle(run);
console.log(answerText(view)); // "The result is 84." (= result.text)
console.log(`status=${result.status} attempts=${result.attempts} tokens=${result.usage.totalTokens}`);

// Durable following: the run is recorded in your journal before it starts, then followed to its end
// through lost connections and Temporal restarts; after a crash, `agent.follow(entry, journal)` resumes.
const journal = new InMemoryRunJournal(); // yours: SQLite, a file…
const followed = await agent.submit('What is 6 * 7?', { conversationId: 'readme', journal });
const ending = await followed.done;
console.log(`followed: ${ending.result.status} "${answerText(ending.view)}"`);

await agent.close();
await worker.shutdown();
await running;
await model.close();
