import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { PROMPT, scenarioRegistry } from './support/scenario';
import { streamBlock, withUsagePlaceholder } from './support/stream-block';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent (REPL)', () => {
  it('runs the command-line prompt first, shows tool calls on their own lines and exits cleanly at end of input', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = scenario.spawn('agent', ['agent', 'What is 12 * 7?']);
    await agent.waitFor(`--- stream end ---\n${PROMPT}`, { timeoutMs: 30_000 });
    expect(agent.stdout).toContain(`${PROMPT}What is 12 * 7?\n--- stream start ---\n`);
    expect(withUsagePlaceholder(streamBlock(agent.stdout))).toEqual([
      '--- stream start ---',
      '[tool] calculator {"expression":"12 * 7"}',
      '[tool result] {"expression":"12 * 7","result":84}',
      'The result is 84.',
      '[complete]',
      '[usage] prompt=N completion=N total=N',
      '--- stream end ---',
    ]);

    agent.endInput();
    expect(await agent.waitForExit()).toEqual({ code: 0, signal: null });
    expect(agent.stdout.endsWith(`${PROMPT}\nGoodbye!\n`)).toBe(true);
  });

  it('asks "approve? (y/n/a)> " for a tool call and runs it only when approved', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--approval-policy', 'require-all']);

    let from = agent.mark();
    agent.send('What is 12 * 7?');
    await agent.waitFor('approve? (y/n/a)> ', { from });
    expect(agent.stdout.slice(from)).toMatch(
      /\[tool\] calculator \{"expression":"12 \* 7"\}\n\[approval\] calculator \{"expression":"12 \* 7"\} needs your approval \(expires in 5m\)\n {2}y = yes, n = no, a = always allow calculator in this conversation\napprove\? \(y\/n\/a\)> $/,
    );
    agent.send('y');
    let end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from });
    expect(withUsagePlaceholder(streamBlock(agent.stdout.slice(from, end))).slice(4)).toEqual([
      'approve? (y/n/a)> y',
      '[approval] approved',
      '[tool result] {"expression":"12 * 7","result":84}',
      'The result is 84.',
      '[complete]',
      '[usage] prompt=N completion=N total=N',
      '--- stream end ---',
    ]);

    from = agent.mark();
    agent.send('What is 2 + 3?');
    await agent.waitFor('approve? (y/n/a)> ', { from });
    agent.send('n');
    end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from });
    const rejected = streamBlock(agent.stdout.slice(from, end));
    expect(rejected).toContain('[approval] rejected');
    expect(rejected).toContain(
      '[tool result] The tool call was rejected: the user rejected the calculator call at the terminal',
    );
    expect(rejected.join('\n')).not.toContain('"result":5');
  });

  it('stops the run on Ctrl+C, keeps the partial text and returns to the prompt', async () => {
    const scenario = await scenarios.create({ pace: 30 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--heartbeat-timeout', '2s']);

    const from = agent.mark();
    agent.send('Write a detailed day-by-day travel plan for a 7-day trip to Japan.');
    await agent.waitFor('Day 1: Arrive in Tokyo', { from });
    agent.signal('SIGINT');
    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 30_000 });
    const block = streamBlock(agent.stdout.slice(from, end));
    expect(block).toContain('[interrupt] stopping the run… (Ctrl+C again to quit at once)');
    expect(block).toContain('[cancelled] the run was stopped; partial text kept');
    expect(block.join('\n')).not.toContain('Day 7');

    expect(withUsagePlaceholder(await scenario.ask(agent, 'Hello again!'))).toEqual([
      '--- stream start ---',
      'Hello again! How can I help?',
      '[complete]',
      '[usage] prompt=N completion=N total=N',
      '--- stream end ---',
    ]);
    agent.send('quit');
    await agent.waitFor('Goodbye!\n');
    expect(await agent.waitForExit()).toEqual({ code: 0, signal: null });
  });
});
