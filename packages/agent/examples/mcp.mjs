// Any MCP server's tools as the agent's tools, configured in the usual mcp.json shape. Each call is a
// durable tool activity (heartbeats, retries, Stop). Needs a Temporal server: `npx durable-agent
// dev-server` (or TEMPORAL_ADDRESS).
import { fileURLToPath } from 'node:url';
import { Agent, AgentWorker, openAICompatible, startDemoModel } from 'durable-agent';

const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const model = await startDemoModel();
const worker = await AgentWorker.create({
  name: 'assistant',
  instructions: 'You are a helpful assistant.',
  taskQueue: 'mcp',
  temporal: { address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
  mcpServers: {
    calculator: {
      command: process.execPath,
      args: [fileURLToPath(new URL('./mcp-calculator-server.mjs', import.meta.url))],
    },
  },
});
const running = worker.run();
for (const server of worker.mcpServers) console.log(`[mcp] ${server.name}: ${server.state}`);
const agent = await Agent.create({ name: 'assistant', taskQueue: 'mcp', temporal: { address } });

// The model sees the server's tools as `<server>_<tool>`; the demo model calls one on "call … with …".
const result = await agent.run('call calculator_add with {"a": 2, "b": 40}');
console.log(result.text);

await agent.close();
await worker.shutdown();
await running;
await model.close();
