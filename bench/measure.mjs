import OpenAI from 'openai';

/** First-token latency and total time of one reply read directly with the openai client. */
export async function measureDirect(baseURL, prompt) {
  const client = new OpenAI({ baseURL, apiKey: 'demo', maxRetries: 0 });
  const startedAt = performance.now();
  let firstToken;
  const stream = await client.chat.completions.create({
    model: 'demo',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  for await (const chunk of stream) {
    if (firstToken === undefined && chunk.choices[0]?.delta?.content)
      firstToken = performance.now() - startedAt;
  }
  return { firstTokenMs: firstToken, totalMs: performance.now() - startedAt };
}

/** The same through the library: submit a run, read its events until RUN_FINISHED. */
export async function measureLibrary(agent, prompt) {
  const startedAt = performance.now();
  let firstToken;
  const run = await agent.stream(prompt);
  for await (const event of run.events()) {
    if (firstToken === undefined && event.type === 'TEXT_MESSAGE_CONTENT')
      firstToken = performance.now() - startedAt;
  }
  return { firstTokenMs: firstToken, totalMs: performance.now() - startedAt };
}

/**
 * Recovery: streams a long reply, interrupts the worker with `interrupt` once tokens flow, and measures
 * from the interruption to the first token of the next attempt.
 */
export async function measureRecovery(agent, prompt, interrupt) {
  const run = await agent.stream(prompt);
  let interruptedAt;
  let recoveredMs;
  for await (const event of run.events()) {
    if (interruptedAt === undefined && event.type === 'TEXT_MESSAGE_CONTENT') {
      interruptedAt = performance.now();
      await interrupt();
    }
    if (recoveredMs === undefined && event.type === 'TEXT_MESSAGE_CONTENT' && event.attempt > 1) {
      recoveredMs = performance.now() - interruptedAt;
    }
  }
  const result = await run.result();
  return { recoveredMs, attempts: result.attempts, status: result.status };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
