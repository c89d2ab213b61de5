import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { useServeScenarios } from './support/serve-process';
import { joinedText, postAndRead } from './support/sse-frames';
import {
  assistantTexts,
  field,
  runStockClient,
  userMessage,
  verifyWithStockClient,
} from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const scenarios = useServeScenarios();

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

const textOf = (frames: readonly { event: Record<string, unknown> }[]) =>
  frames
    .filter(({ event }) => event.type === 'TEXT_MESSAGE_CONTENT')
    .map(({ event }) => String(event.delta))
    .join('');

describe('durable-agent serve with text read live', () => {
  it('the stock HttpAgent gets the answer in small steps as the model writes it, once, and verifyEvents passes', async () => {
    const { serve } = await scenarios.serveWithWorker(50);
    const arrivals: number[] = [];
    const run = await runStockClient(serve.url, {
      threadId: randomUUID(),
      runId: randomUUID(),
      messages: [userMessage('u1', TRAVEL_PROMPT)],
      onEvent: (event) => {
        if (event.type === 'TEXT_MESSAGE_CONTENT' && String(field(event, 'delta')).length > 0)
          arrivals.push(performance.now());
      },
    });
    await verifyWithStockClient(run.events);
    expect(assistantTexts(run.agent.messages)).toEqual([travelPlan]);
    const gaps = arrivals.slice(1).map((time, index) => time - arrivals[index]!);
    console.log(
      `serve SSE: ${arrivals.length} text events, gap p50 ${percentile(gaps, 0.5).toFixed(0)} ms, p95 ${percentile(gaps, 0.95).toFixed(0)} ms`,
    );
    expect(arrivals.length).toBeGreaterThan(100);
    expect(percentile(gaps, 0.95)).toBeLessThanOrEqual(250);
  });

  it('a Last-Event-ID of live text resumes right after it: the whole answer once', async () => {
    const { serve } = await scenarios.serveWithWorker(50);
    const body = {
      threadId: randomUUID(),
      runId: randomUUID(),
      messages: [userMessage('u1', TRAVEL_PROMPT)],
    };

    const first = await postAndRead(serve.url, { body, stopAfter: 40 });
    const lastId = first.frames.at(-1)!.id!;
    expect(lastId).toMatch(/^\d+\+\d+$/);
    const resumed = await postAndRead(serve.url, { body, headers: { 'Last-Event-ID': lastId } });
    const all = [...first.frames, ...resumed.frames];
    expect(textOf(all)).toBe(travelPlan);
    await verifyWithStockClient(all.map((frame) => frame.event));
    const replay = await postAndRead(serve.url, { body });
    expect(joinedText(all)).toEqual(joinedText(replay.frames));
  });
});
