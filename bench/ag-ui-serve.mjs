// node bench/ag-ui-serve.mjs (after npm run build:lib): first token and total time of a 500-token reply
// three ways — the openai client straight at the demo model, the library (agent.stream + run.events), and
// `durable-agent serve`'s handler read by the stock @ag-ui/client HttpAgent — medians of BENCH_REPEATS runs.
// Writes bench/results/ag-ui-serve-<time>.json.   BENCH_PACE=50 (tokens/s)   BENCH_REPEATS=5
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { HttpAgent } from '@ag-ui/client';
import {
  Agent,
  AgentWorker,
  answerText,
  applyRunEvent,
  createAgUiHandler,
  EMPTY_RUN_VIEW,
  InMemoryConversationStore,
  openAICompatible,
  startDemoModel,
  TemporalDevServer,
} from 'durable-agent';
import OpenAI from 'openai';

const PACE = Number(process.env.BENCH_PACE ?? 50);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const PROMPT = 'reply with 500 tokens';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const round = (value) => Math.round(value);

async function direct(baseURL) {
  const client = new OpenAI({ baseURL, apiKey: 'demo', maxRetries: 0 });
  const startedAt = performance.now();
  let firstTokenMs;
  let text = '';
  const stream = await client.chat.completions.create({
    model: 'demo',
    messages: [{ role: 'user', content: PROMPT }],
    stream: true,
  });
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (!delta) continue;
    firstTokenMs ??= performance.now() - startedAt;
    text += delta;
  }
  return { firstTokenMs, totalMs: performance.now() - startedAt, text };
}

async function library(agent) {
  const startedAt = performance.now();
  let firstTokenMs;
  let text = '';
  const run = await agent.stream(PROMPT, { conversationId: randomUUID() });
  let view = EMPTY_RUN_VIEW;
  for await (const event of run.events()) {
    view = applyRunEvent(view, event); // joins text read live and the log's copy of it
    if (event.type !== 'TEXT_MESSAGE_CONTENT') continue;
    firstTokenMs ??= performance.now() - startedAt;
  }
  text = answerText(view);
  return { firstTokenMs, totalMs: performance.now() - startedAt, text };
}

async function served(url) {
  const startedAt = performance.now();
  let firstTokenMs;
  const client = new HttpAgent({
    url,
    initialMessages: [{ id: randomUUID(), role: 'user', content: PROMPT }],
  });
  await client.runAgent(
    { runId: randomUUID() },
    {
      onTextMessageContentEvent: () => {
        firstTokenMs ??= performance.now() - startedAt;
      },
    },
  );
  const text = String(client.messages.findLast((message) => message.role === 'assistant')?.content ?? '');
  return { firstTokenMs, totalMs: performance.now() - startedAt, text };
}

const temporal = await TemporalDevServer.start({ port: 0, headless: true });
const model = await startDemoModel({ pace: PACE });
const taskQueue = `bench-ag-ui-${Date.now()}`;
const worker = await AgentWorker.create({
  name: 'bench',
  taskQueue,
  temporal: { address: temporal.address },
  model: openAICompatible({ baseURL: model.baseURL, apiKey: 'demo', model: 'demo' }),
});
const running = worker.run();
const agent = await Agent.create({
  name: 'bench',
  taskQueue,
  temporal: { address: temporal.address },
  conversations: new InMemoryConversationStore(),
});
const server = createServer(createAgUiHandler({ agent }));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/agent`;

try {
  await library(agent); // warm-up: workflow cache, connections
  await served(url);
  const samples = { direct: [], library: [], serve: [] };
  for (let index = 0; index < REPEATS; index++) {
    samples.direct.push(await direct(model.baseURL));
    samples.library.push(await library(agent));
    samples.serve.push(await served(url));
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, runs]) => [
      name,
      {
        firstTokenMs: round(median(runs.map((run) => run.firstTokenMs))),
        totalMs: round(median(runs.map((run) => run.totalMs))),
        exactText: runs.every((run) => run.text === samples.direct[0].text),
      },
    ]),
  );
  console.log(`AG-UI serve bench: ${REPEATS} replies of 500 tokens at ${PACE} tokens/s (medians)`);
  console.table(summary);
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  const file = `${results}ag-ui-serve-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify({ pace: PACE, repeats: REPEATS, summary }, null, 2)}\n`);
  console.log(`written ${file}`);
} finally {
  server.close();
  server.closeAllConnections();
  await agent.close();
  await worker.shutdown();
  await running;
  await model.close();
  await temporal.stop();
}
