import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry } from './support/scenario';
import { streamBlock } from './support/stream-block';

const STREAM_END = `--- stream end ---\n${PROMPT}`;

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent: always allow', () => {
  it('answers a at the approval prompt: this call and every later call of the tool run unasked, also after kill -9 of the agent', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--approval-policy', 'require-all']);
    const conversationId = conversationIdOf(agent);

    let from = agent.mark();
    agent.send('What is 12 * 7?');
    await agent.waitFor('approve? (y/n/a)> ', { from });
    expect(agent.stdout.slice(from)).toContain(
      '  y = yes, n = no, a = always allow calculator in this conversation\napprove? (y/n/a)> ',
    );
    agent.send('a');
    let end = await agent.waitFor(STREAM_END, { from });
    let block = streamBlock(agent.stdout.slice(from, end));
    expect(block).toContain('[approval] approved (always, in this conversation)');
    expect(block).toContain('The result is 84.');

    from = agent.mark();
    agent.send('What is 2 + 3?');
    end = await agent.waitFor(STREAM_END, { from });
    block = streamBlock(agent.stdout.slice(from, end));
    expect(block.join('\n')).not.toContain('approve?');
    expect(block).toContain('[tool result] {"expression":"2 + 3","result":5}');

    agent.signal('SIGKILL');
    await agent.waitForExit();
    const again = await scenario.startAgent([
      '--approval-policy',
      'require-all',
      '--conversation',
      conversationId,
    ]);
    from = again.mark();
    again.send('What is 3 * 3?');
    end = await again.waitFor(STREAM_END, { from });
    block = streamBlock(again.stdout.slice(from, end));
    expect(block.join('\n')).not.toContain('approve?');
    expect(block).toContain('[tool result] {"expression":"3 * 3","result":9}');

    // Another conversation still asks.
    const other = await scenario.startAgent(['--approval-policy', 'require-all']);
    from = other.mark();
    other.send('What is 12 * 7?');
    await other.waitFor('approve? (y/n/a)> ', { from });
  }, 120_000);
});
