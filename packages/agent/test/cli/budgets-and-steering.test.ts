import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry } from './support/scenario';
import { streamBlock } from './support/stream-block';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const STEER = 'Make it 3 days instead.';
const STREAM_END = `--- stream end ---\n${PROMPT}`;

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent: budgets and steering', () => {
  it('ends a run at --max-tokens with [budget] lines and exits with 3', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = scenario.spawn('agent', ['agent', '--max-tokens', '5', 'What is 12 * 7?']);
    await agent.waitFor(STREAM_END, { timeoutMs: 30_000 });
    const block = streamBlock(agent.stdout);
    const reached = block.find((line) => line.startsWith('[budget] Budget of 5 tokens reached'));
    expect(reached).toMatch(/^\[budget\] Budget of 5 tokens reached \(spent \d+ tokens\) — the run ends$/);
    expect(block).toContain('[budget-exhausted] a budget limit ended the run');
    expect(block.find((line) => line.startsWith('[budget] exhausted — '))).toMatch(
      /^\[budget\] exhausted — Budget of 5 tokens reached \(spent \d+ tokens\)$/,
    );
    expect(block.join('\n')).not.toContain('The result is 84.');
    agent.endInput();
    expect(await agent.waitForExit()).toEqual({ code: 3, signal: null });
  });

  it('reaches the budget after kill -9 of the worker and of the agent, and the resumed session exits with 3', async () => {
    const scenario = await scenarios.create({ pace: 20 });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent(['--max-tokens', '5', '--heartbeat-timeout', '2s']);
    const conversationId = conversationIdOf(agent);
    const from = agent.mark();
    agent.send('What is 12 * 7?');
    await agent.waitFor('[tool] calculator', { from });
    worker.signal('SIGKILL');
    agent.signal('SIGKILL');
    await Promise.all([worker.waitForExit(), agent.waitForExit()]);

    await scenario.startWorker();
    const resumed = scenario.spawn('agent again', ['agent', '--conversation', conversationId]);
    await resumed.waitFor(STREAM_END, { timeoutMs: 60_000 });
    const block = streamBlock(resumed.stdout);
    expect(block).toContain('[budget-exhausted] a budget limit ended the run');
    expect(block.find((line) => line.startsWith('[budget] exhausted — '))).toMatch(
      /Budget of 5 tokens reached/,
    );
    resumed.endInput();
    expect(await resumed.waitForExit()).toEqual({ code: 3, signal: null });
  }, 180_000);

  it('asks whether to go on with --on-budget ask, and goes on after y', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--max-tokens', '5', '--on-budget', 'ask']);
    const from = agent.mark();
    agent.send('What is 12 * 7?');
    await agent.waitFor('approve? (y/n)> ', { from });
    expect(agent.stdout.slice(from)).toMatch(
      /\[approval\] Budget of 5 tokens reached — continue with 5 more\? \(expires in 5m\)\napprove\? \(y\/n\)> $/,
    );
    agent.send('y');
    const end = await agent.waitFor(STREAM_END, { from });
    const block = streamBlock(agent.stdout.slice(from, end));
    expect(block).toContain('The result is 84.');
    expect(block).toContain('[complete]');
    agent.send('quit');
    expect(await agent.waitForExit()).toEqual({ code: 0, signal: null });
  });

  it('sends a line typed while the plan streams as a steer, through kill -9 of the worker', async () => {
    const scenario = await scenarios.create({ pace: 40 });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent(['--heartbeat-timeout', '2s']);
    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor('Day 1: Arrive in Tokyo', { from });
    agent.send(STEER);
    await agent.waitFor(`[steer] the run reads at its next round: ${STEER}`, { from });
    worker.signal('SIGKILL');
    await worker.waitForExit();
    await scenario.startWorker();
    scenario.model.setPace(400);

    const end = await agent.waitFor(STREAM_END, { from, timeoutMs: 60_000 });
    const text = agent.stdout.slice(from, end);
    expect(text).toContain('[retry] attempt 2');
    expect(text).toContain('Day 7: Osaka food and departure');
    expect(text).toContain('Here is a 3-day version: …');
    expect(text.indexOf('Here is a 3-day version: …')).toBeGreaterThan(text.indexOf('Day 7: Osaka'));
    expect(streamBlock(text)).toContain('[complete]');
  }, 180_000);
});
