// Drives `durable-agent serve` with the stock AG-UI client (@ag-ui/client's HttpAgent): a streamed answer,
// a frontend tool the client executes itself, and an approval answered as an AG-UI interrupt — one thread.
// Start `npx durable-agent worker` and `npx durable-agent serve` first (AGUI_URL, DURABLE_AGENT_TOKEN).
import { randomUUID } from 'node:crypto';
import { HttpAgent } from '@ag-ui/client';

const url = process.env.AGUI_URL ?? 'http://127.0.0.1:8787/agent';
const token = process.env.DURABLE_AGENT_TOKEN;
const agent = new HttpAgent({ url, headers: token ? { Authorization: `Bearer ${token}` } : {} });

// A frontend tool: the model may call it; the run then ends and the client answers in the next run.
const tools = [
  {
    name: 'getWeather',
    description: 'The weather in a city, from the client',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const printText = { onTextMessageContentEvent: ({ event }) => process.stdout.write(event.delta) };

/** One AG-UI run; then answers what it left open (frontend tool calls, an approval) and runs again. */
async function send(prompt) {
  if (prompt) agent.addMessage({ id: randomUUID(), role: 'user', content: prompt });
  let parameters = { tools };
  for (;;) {
    process.stdout.write('assistant: ');
    const { newMessages } = await agent.runAgent(parameters, printText);
    process.stdout.write('\n');
    const [interrupt] = agent.pendingInterrupts;
    if (interrupt) {
      console.log(`[interrupt] ${interrupt.message} -> approving`);
      parameters = {
        tools,
        resume: [{ interruptId: interrupt.id, status: 'resolved', payload: { approved: true } }],
      };
      continue;
    }
    const calls = newMessages.flatMap((message) =>
      message.role === 'assistant' ? (message.toolCalls ?? []) : [],
    );
    const pending = calls.filter((call) => call.function.name === 'getWeather');
    if (pending.length === 0) return;
    for (const call of pending) {
      const { city } = JSON.parse(call.function.arguments);
      console.log(`[client tool] getWeather(${city})`);
      agent.addMessage({
        id: randomUUID(),
        role: 'tool',
        toolCallId: call.id,
        content: `Sunny, 21 °C in ${city}`,
      });
    }
    parameters = { tools };
  }
}

await send('My name is Ada.');
await send('call tool getWeather with {"city":"Paris"}');
await send('What is 12*7?');
await send('What is my name?');
console.log(`thread ${agent.threadId}: ${agent.messages.length} messages`);
