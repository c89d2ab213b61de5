import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { HttpAgent } from '@ag-ui/client';
import { Agent, createAgUiHandler, InMemoryConversationStore } from 'durable-agent';
import { now, startModelTap } from '../support/model-tap.mjs';
import { machine } from '../support/process-usage.mjs';
import { p95, round } from '../support/stats.mjs';
import { streamDirect } from '../support/streams.mjs';
import { textTiming, textTimingSummary } from '../support/text-timing.mjs';
import { startWorker } from '../support/worker-process.mjs';

const PROMPT = 'reply with 200 tokens';

/**
 * `durable-agent serve`'s handler read by the stock @ag-ui/client HttpAgent, `runs` at once through one
 * worker, after the same number of direct openai-client streams alone (the baseline): first token p95 and
 * wall time against the baseline, the gap between the SSE text events a client receives and how far behind
 * the model's own emission they are (p95), and whether each client ends with the exact reply.
 */
export async function measureServe(environment, runs) {
  const taskQueue = `bench-serve-${runs}-${Date.now()}`;
  const tap = await startModelTap(environment.model.baseURL);
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: tap.baseURL,
  });
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    conversations: new InMemoryConversationStore(),
    ...environment.agentOptions,
  });
  const server = createServer(createAgUiHandler({ agent }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/agent`;
  try {
    await served(url, 'Hello!'); // warm-up
    const loadBeforeDirect = machine().loadAverage;
    const directStartedAt = performance.now();
    const direct = await Promise.all(
      Array.from({ length: runs }, () => streamDirect(environment.model.baseURL, PROMPT)),
    );
    const directWallMs = performance.now() - directStartedAt;
    const loadBeforeServe = machine().loadAverage;
    const servedStartedAt = performance.now();
    const results = await Promise.all(
      Array.from({ length: runs }, (_, index) => served(url, `${PROMPT} (serve ${runs}-${index})`)),
    );
    const servedWallMs = performance.now() - servedStartedAt;
    const expected = direct[0]?.text;
    return {
      runs,
      loadAverage: { beforeDirect: loadBeforeDirect, beforeLibrary: loadBeforeServe },
      direct: {
        firstTokenP95Ms: round(p95(direct.map((result) => result.firstTokenMs))),
        wallMs: round(directWallMs),
      },
      served: {
        firstTokenP95Ms: round(p95(results.map((result) => result.firstTokenMs))),
        wallMs: round(servedWallMs),
      },
      wallRatio: round(servedWallMs / directWallMs, 2),
      exactText: results.filter((result) => result.text === expected && result.text.length > 0).length,
      liveText: textTimingSummary(
        results.map((result) => textTiming(result.updates, tap.emissions(result.prompt))),
      ),
    };
  } finally {
    server.close();
    server.closeAllConnections();
    await agent.close();
    await worker.stop();
    await tap.close();
  }
}

/** One AG-UI run by the stock client: when its text grew (from the SSE events) and its final text. */
async function served(url, prompt) {
  const updates = [];
  const startedAt = performance.now();
  let firstTokenMs;
  let length = 0;
  const client = new HttpAgent({
    url,
    initialMessages: [{ id: randomUUID(), role: 'user', content: prompt }],
  });
  await client.runAgent(
    { runId: randomUUID() },
    {
      onTextMessageContentEvent: ({ event }) => {
        firstTokenMs ??= performance.now() - startedAt;
        length += event.delta.length;
        updates.push({ at: now(), length });
      },
    },
  );
  const text = String(client.messages.findLast((message) => message.role === 'assistant')?.content ?? '');
  return { prompt, updates, text, firstTokenMs };
}
