import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, scenarioRegistry } from './support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent in a conversation longer than the model', () => {
  it('prints the summary of earlier turns when the model refuses the input, answers from it, and exports every message', async () => {
    const scenario = await scenarios.create({ pace: 0, contextWindow: 600 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    await scenario.ask(agent, 'My name is Ada.');
    for (let turn = 0; turn < 3; turn++) await scenario.ask(agent, 'reply with 250 tokens');

    const block = await scenario.ask(agent, 'What is my name?');
    const compacted = block.find((line) => line.startsWith('[compacted] '));
    expect(compacted, block.join('\n')).toMatch(
      /^\[compacted\] summary of earlier turns \(the model refused the input as too long; \d+ messages summarised, 1 kept; .*600-token context window\): Summary of earlier turns: \d+ messages, 0 tool results\. The user said: My name is Ada\./,
    );
    expect(block).toContain('Your name is Ada.');

    const conversationId = conversationIdOf(agent);
    agent.send('quit');
    await agent.waitForExit();
    // The stored transcript is whole: only the model's input was compacted.
    expect((await scenario.exportJson(conversationId)).messages).toHaveLength(10);

    const markdown = scenario.spawn('export md', ['export', '--conversation', conversationId]);
    expect((await markdown.waitForExit()).code, markdown.output).toBe(0);
    expect(markdown.stdout).toContain('## You\n\nMy name is Ada.');
    expect(markdown.stdout).toMatch(/- summary of earlier turns \(the model refused the input as too long; /);
  });
});
