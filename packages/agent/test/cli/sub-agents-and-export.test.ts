import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, scenarioRegistry } from './support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent with the built-in researcher, and durable-agent export', () => {
  it('indents the sub-agent under [sub-agent researcher], then exports the conversation as JSON and Markdown', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    const block = await scenario.ask(agent, 'Research Temporal.');
    const header = block.findIndex((line) => line.startsWith('[sub-agent researcher] '));
    expect(block[header], block.join('\n')).toMatch(
      /^\[sub-agent researcher\] durable-agent\/.+\/researcher\/1$/,
    );
    expect(block).toContain('  Three facts about Temporal:');
    // The sub-agent's answer is printed once, under its header (not again as the delegation's tool result).
    expect(
      block.filter((line) => line.includes('Three facts about Temporal:')).length,
      block.join('\n'),
    ).toBe(2);
    expect(
      block.some((line) => /^\[sub-agent researcher\] completed \(1 model call, \d+ tokens\)$/.test(line)),
    ).toBe(true);
    expect(block.join('\n')).toContain('The researcher reports: Three facts about Temporal:');
    const conversationId = conversationIdOf(agent);
    agent.send('quit');
    await agent.waitForExit();

    const document = await scenario.exportJson(conversationId);
    expect(document.conversation.id).toBe(conversationId);
    expect(document.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(document.runs[0]?.subAgents[0]?.workflowId).toMatch(/\/researcher\/1$/);
    expect(document.runs[0]?.events.at(-1)?.type).toBe('RUN_FINISHED');

    const markdown = scenario.spawn('export md', ['export', '--conversation', conversationId]);
    expect((await markdown.waitForExit()).code, markdown.output).toBe(0);
    expect(markdown.stdout).toContain('## You\n\nResearch Temporal.');
    expect(markdown.stdout).toContain('> **Sub-agent researcher**');
  });

  it('says so when the conversation does not exist, and explains a missing --conversation', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const missing = scenario.spawn('export missing', ['export', '--conversation', 'nope']);
    expect((await missing.waitForExit()).code).toBe(1);
    expect(missing.output).toContain('no conversation "nope"');
    const bare = scenario.spawn('export bare', ['export']);
    expect((await bare.waitForExit()).code).toBe(2);
    expect(bare.output).toContain('--conversation <id> is required.');
  });
});
