import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { assertLibraryBuilt } from './support/cli-process';
import { PROMPT, scenarioRegistry } from './support/scenario';
import { streamBlock } from './support/stream-block';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const MID_STREAM = 'Day 1: Arrive in Tokyo';
const COUNTDOWN =
  /^\[waiting\] waiting for Temporal to notice the lost worker \(heartbeat timeout 8 s\) — (\d+) s left$/m;

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent: a worker killed -9 with nobody supervising it (two terminals)', () => {
  it('says what the stream waits for, with a countdown to the heartbeat timeout, then resumes on a new worker, named', async () => {
    const scenario = await scenarios.create({ pace: 40 });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent(['--timeout', '60s', '--heartbeat-timeout', '8s']);

    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor(MID_STREAM, { from });
    await worker.kill();
    // A second worker polls at once, but Temporal learns of the lost attempt only at the heartbeat timeout.
    scenario.model.setPace(400);
    const second = await scenario.startWorker();
    await agent.waitFor(COUNTDOWN, { from, timeoutMs: 15_000 });
    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 60_000 });
    const block = streamBlock(agent.stdout.slice(from, end));

    const countdown = block.flatMap((line) => {
      const match = COUNTDOWN.exec(line);
      return match ? [Number(match[1])] : [];
    });
    expect(countdown.length).toBeGreaterThanOrEqual(1);
    expect(countdown[0]).toBeLessThanOrEqual(8 - 2); // at least the quarter-timeout heartbeat gap has passed
    // Counting down, never up.
    expect(countdown).toEqual([...countdown].sort((a, b) => b - a));
    const retry = block.findIndex((line) => line.startsWith('[retry] attempt 2 — the worker was lost'));
    expect(retry).toBeGreaterThan(block.findIndex((line) => COUNTDOWN.test(line)));
    // Which worker took the attempt over, from the attempt's own first event: the second one (its pid).
    const secondPid = /^Worker pid (\d+)/m.exec(second.stdout)?.[1];
    expect(secondPid).toBeDefined();
    expect(block[retry + 1]).toMatch(new RegExp(`^\\[attempt 2 on \\S+:${secondPid}\\]$`));
    const complete = block.indexOf('[complete]');
    expect(block.slice(retry + 2, complete).join('\n')).toBe(travelPlan);
  });
});
