// An agent that delegates to another agent: each call is a child workflow with its own attempts and
// usage. Needs a Temporal server: `npx durable-agent dev-server` (or TEMPORAL_ADDRESS).
import {
  Agent,
  AgentWorker,
  currentTime,
  defineAgentTool,
  openAICompatible,
  startDemoModel,
} from 'durable-agent';

const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const researcher = defineAgentTool({
  name: 'researcher',
  description: 'A research assistant. Give it a topic or a question as `task`.',
  instructions: 'You are a researcher. Answer the task with three short, factual points.',
  tools: ['currentTime'], // tools (or other agents) of this worker it may use
});

const model = await startDemoModel();
const worker = await AgentWorker.create({
  name: 'assistant',
  instructions: 'You are a helpful assistant.',
  taskQueue: 'sub-agents',
  temporal: { address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
  tools: [currentTime],
  agents: [researcher],
});
const running = worker.run();
const agent = await Agent.create({ name: 'assistant', taskQueue: 'sub-agents', temporal: { address } });

const result = await agent.run('Research Temporal.'); // the demo model delegates "Research <topic>."
for (const child of result.subAgents ?? []) {
  console.log(`[sub-agent ${child.agentName}] ${child.status}, ${child.attempts} attempt(s)`);
}
console.log(result.text);

await agent.close();
await worker.shutdown();
await running;
await model.close();
