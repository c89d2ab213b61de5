import { answerText, applyRunEvent, EMPTY_RUN_VIEW } from 'durable-agent';
import OpenAI from 'openai';
import { now } from './model-tap.mjs';

/** Longest gap between consecutive arrival times (ms). */
function longestGap(times) {
  let longest = 0;
  for (let index = 1; index < times.length; index++)
    longest = Math.max(longest, times[index] - times[index - 1]);
  return longest;
}

/** One reply read directly with the openai client: first token, longest silence, total time, text. */
export async function streamDirect(baseURL, prompt) {
  const client = new OpenAI({ baseURL, apiKey: 'demo', maxRetries: 0, timeout: 600_000 });
  const startedAt = performance.now();
  const arrivals = [];
  let text = '';
  const stream = await client.chat.completions.create({
    model: 'demo',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (!delta) continue;
    arrivals.push(performance.now() - startedAt);
    text += delta;
  }
  return {
    firstTokenMs: arrivals[0],
    longestSilenceMs: longestGap(arrivals),
    totalMs: performance.now() - startedAt,
    text,
  };
}

/**
 * The same through the library: submit a run, fold its events with the library's reducer until the
 * terminal event, and check the folded text against the run's result.
 */
export async function streamLibrary(agent, prompt, options = {}) {
  const startedAt = performance.now();
  const startedAtEpoch = Date.now();
  const run = await agent.stream(prompt, options);
  const submittedMs = performance.now() - startedAt;
  const arrivals = [];
  /** When the folded text changed, and its length then (what a display of the run would show). */
  const updates = [];
  let view = EMPTY_RUN_VIEW;
  let messageStartMs;
  for await (const event of run.events()) {
    if (event.type === 'TEXT_MESSAGE_START') messageStartMs ??= performance.now() - startedAt;
    if (event.type === 'TEXT_MESSAGE_CONTENT') arrivals.push(performance.now() - startedAt);
    view = applyRunEvent(view, event);
    const length = answerText(view).length;
    if (length !== (updates.at(-1)?.length ?? 0)) updates.push({ at: now(), length });
  }
  const totalMs = performance.now() - startedAt;
  const result = await run.result();
  const text = answerText(view);
  return {
    id: run.id,
    startedAtEpoch,
    submittedMs,
    messageStartMs,
    firstTokenMs: arrivals[0],
    longestSilenceMs: longestGap(arrivals),
    streamingMs: arrivals.length > 0 ? arrivals.at(-1) - arrivals[0] : 0,
    totalMs,
    status: result.status,
    attempts: result.attempts,
    text,
    textMatchesResult: text === result.text,
    prompt,
    updates,
  };
}
