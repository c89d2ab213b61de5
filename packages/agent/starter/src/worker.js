import { pathToFileURL } from 'node:url';
import { AgentWorker, openAICompatible, startDemoModel } from 'durable-agent';
import { saveNote } from './tools.js';

export const AGENT_NAME = 'assistant';
export const TASK_QUEUE = 'my-agent';

/**
 * The worker: it runs the agent's model calls and tools. With OPENAI_BASE_URL (and OPENAI_API_KEY,
 * OPENAI_MODEL) it uses that model; without, the offline demo model. Stop it with `close()`.
 */
export async function startWorker({ address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' } = {}) {
  const demo = process.env.OPENAI_BASE_URL ? undefined : await startDemoModel();
  const worker = await AgentWorker.create({
    name: AGENT_NAME,
    instructions: 'You are a helpful assistant. Save notes when asked to.',
    taskQueue: TASK_QUEUE,
    temporal: { address },
    model: openAICompatible({
      baseURL: demo?.baseURL ?? process.env.OPENAI_BASE_URL,
      apiKey: process.env.OPENAI_API_KEY ?? 'not-needed',
      model: demo ? 'demo' : (process.env.OPENAI_MODEL ?? 'gpt-4o-mini'),
    }),
    tools: [saveNote],
  });
  const running = worker.run();
  return {
    async close() {
      await worker.shutdown();
      await running;
      await demo?.close();
    },
  };
}

// `node src/worker.js`: the worker alone, in its own process, until Ctrl+C.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const worker = await startWorker();
  console.log(`Worker running on task queue "${TASK_QUEUE}". Press Ctrl+C to stop.`);
  process.once('SIGINT', () => void worker.close());
}
