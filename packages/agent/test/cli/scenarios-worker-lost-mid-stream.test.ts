import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/llm/demo-model/count-tokens';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry, WORKER_SHUTTING_DOWN } from './support/scenario';
import { parseUsageLine, streamBlock } from './support/stream-block';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const FIRST_LINE = 'Here is a detailed day-by-day travel plan for Japan...';
const MID_STREAM = 'Day 1: Arrive in Tokyo';
/** Slow enough that the plan (~330 demo tokens) is still streaming when the worker is stopped. */
const STREAMING_PACE = 40;

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent worker and agent: the worker stops during a model call (seed scenarios 4a, 4b)', () => {
  it('4a. the stream pauses without an error and ends with "deadline exceeded" when no worker comes back', async () => {
    const scenario = await scenarios.create({ pace: STREAMING_PACE });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent(['--timeout', '8s', '--heartbeat-timeout', '3s']);

    const from = agent.mark();
    const submittedAt = Date.now();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor(MID_STREAM, { from });
    worker.signal('SIGINT');
    await worker.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
    expect(await worker.waitForExit()).toEqual({ code: 0, signal: null });
    const pausedAt = agent.mark();

    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 30_000 });
    const block = streamBlock(agent.stdout.slice(from, end));
    // No immediate error: the error comes with the 8s deadline, not with the worker's shutdown.
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(7_500);
    expect(block.slice(0, 2)).toEqual(['--- stream start ---', FIRST_LINE]);
    expect(block[2]).toMatch(/^Day 1: Arrive in Tokyo/);
    expect(block.slice(-2)).toEqual([
      '[error] deadline exceeded: no worker resumed the workflow within the timeout',
      '--- stream end ---',
    ]);
    // While no worker ran, nothing but the error reached the terminal (no retry, no new text).
    expect(agent.stdout.slice(pausedAt, end)).not.toContain('[retry]');
    expect(block.join('\n')).not.toContain('Day 2');
  });

  it('4b. the stream resumes when the worker restarts: a [retry] marker, then the complete plan stored once', async () => {
    const scenario = await scenarios.create({ pace: STREAMING_PACE });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent(['--timeout', '60s', '--heartbeat-timeout', '3s']);
    const conversationId = conversationIdOf(agent);

    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor(MID_STREAM, { from });
    worker.signal('SIGINT');
    await worker.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
    expect(await worker.waitForExit()).toEqual({ code: 0, signal: null });
    expect(agent.stdout.slice(from)).not.toContain('[error]');

    scenario.model.setPace(400);
    await scenario.startWorker();
    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 60_000 });
    const block = streamBlock(agent.stdout.slice(from, end));

    expect(block.slice(0, 2)).toEqual(['--- stream start ---', FIRST_LINE]);
    expect(block[2]).toMatch(/^Day 1: Arrive in Tokyo/);
    const retry = block.indexOf('[retry] attempt 2 — the worker shut down');
    expect(retry).toBeGreaterThan(2);
    expect(block[retry + 1]).toMatch(/^\[attempt 2 on \S+\]$/); // the worker that took it over
    const complete = block.indexOf('[complete]');
    // After the marker the new attempt's text is the whole plan, once.
    expect(block.slice(retry + 2, complete).join('\n')).toBe(travelPlan);
    // The answer's own tokens (as on a clean run), then what the handed-back attempt spent, apart.
    const usage = parseUsageLine(block[complete + 1]);
    expect(usage.completion).toBe(countTokens(travelPlan));
    expect(block[complete + 2]).toMatch(
      /^\[usage\] not in the answer: \d+ tokens on 1 failed attempt \(retried\)$/,
    );
    expect(block.slice(complete + 3)).toEqual(['--- stream end ---']);

    expect(await scenario.storedConversation(conversationId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
    ]);
  });
});
