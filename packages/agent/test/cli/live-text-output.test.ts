import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { assertLibraryBuilt } from './support/cli-process';
import { PROMPT, scenarioRegistry } from './support/scenario';
import { answerBlock, streamBlock, withUsagePlaceholder } from './support/stream-block';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

describe('durable-agent agent with text read live', () => {
  it('prints the answer in small steps as the model writes it, and each character once', async () => {
    const scenario = await scenarios.create({ pace: 50 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    // stdout's growth, looked at every 5 ms while the answer streams.
    const growth: number[] = [];
    let length = agent.stdout.length;
    const watcher = setInterval(() => {
      if (agent.stdout.length === length) return;
      length = agent.stdout.length;
      if (agent.stdout.includes('Day 1', from) && !agent.stdout.includes('[complete]', from))
        growth.push(performance.now());
    }, 5);
    try {
      await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 60_000 });
    } finally {
      clearInterval(watcher);
    }
    expect(withUsagePlaceholder(streamBlock(agent.stdout.slice(from)))).toEqual(
      answerBlock(travelPlan).flatMap((line) => line.split('\n')),
    );
    const gaps = growth.slice(1).map((time, index) => time - growth[index]!);
    console.log(
      `CLI stdout: ${growth.length} writes, gap p50 ${percentile(gaps, 0.5).toFixed(0)} ms, p95 ${percentile(gaps, 0.95).toFixed(0)} ms`,
    );
    expect(growth.length).toBeGreaterThan(100);
    expect(percentile(gaps, 0.95)).toBeLessThanOrEqual(250);
  });
});
