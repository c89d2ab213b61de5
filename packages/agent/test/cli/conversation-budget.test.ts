import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry } from './support/scenario';
import { streamBlock } from './support/stream-block';

const STREAM_END = `--- stream end ---\n${PROMPT}`;

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent: conversation budget', () => {
  it('counts every run of the conversation, earlier sessions included, and ends at --conversation-max-tokens with exit code 3', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--conversation-max-tokens', '10']);
    const conversationId = conversationIdOf(agent);

    let from = agent.mark();
    agent.send('Hello!');
    let end = await agent.waitFor(STREAM_END, { from });
    expect(streamBlock(agent.stdout.slice(from, end))).toContain('[complete]');
    agent.signal('SIGKILL');
    await agent.waitForExit();

    const again = await scenario.startAgent([
      '--conversation-max-tokens',
      '10',
      '--conversation',
      conversationId,
    ]);
    from = again.mark();
    again.send('Hello again!');
    end = await again.waitFor(STREAM_END, { from });
    const block = streamBlock(again.stdout.slice(from, end));
    expect(block).toContain('[budget-exhausted] a budget limit ended the run');
    expect(block.find((line) => line.startsWith('[budget] exhausted — '))).toMatch(
      /^\[budget\] exhausted — Conversation budget of 10 tokens reached \(spent \d+ tokens\)$/,
    );
    expect(block.join('\n')).not.toContain('Hello again! How can I help?');
    again.endInput();
    expect(await again.waitForExit()).toEqual({ code: 3, signal: null });

    // Another conversation starts from nothing.
    const other = await scenario.startAgent(['--conversation-max-tokens', '10']);
    from = other.mark();
    other.send('Hello!');
    end = await other.waitFor(STREAM_END, { from });
    expect(streamBlock(other.stdout.slice(from, end))).toContain('[complete]');
  }, 120_000);

  it('documents the conversation budget flags in --help and refuses a bad value in words', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const help = scenario.spawn('help', ['agent', '--help']);
    expect(await help.waitForExit()).toEqual({ code: 0, signal: null });
    for (const flag of [
      '--conversation-max-tokens',
      '--conversation-max-cost',
      '--conversation-max-tool-calls',
    ])
      expect(help.stdout).toContain(flag);
    const bad = scenario.spawn('bad', ['agent', '--conversation-max-cost', 'free']);
    expect(await bad.waitForExit()).toEqual({ code: 2, signal: null });
    expect(bad.output).toContain(
      'Invalid --conversation-max-cost "free": expected an amount in USD such as 0.50.',
    );
  });
});
