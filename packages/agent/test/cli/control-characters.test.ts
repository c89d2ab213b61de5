import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { controlCharactersIn, withoutCliSequences } from './support/control-characters';
import { conversationIdOf, scenarioRegistry } from './support/scenario';
import { withUsagePlaceholder } from './support/stream-block';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent: control characters in what the model says', () => {
  it('prints a reply carrying "clear screen" and "set title" sequences as visible text, never as escapes', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();

    // The demo model echoes what it cannot answer, so the reply carries the prompt's escape sequences.
    const block = await scenario.ask(agent, 'Say \u001b[2J\u001b]0;pwned\u0007 now');

    expect(withUsagePlaceholder(block)).toEqual([
      '--- stream start ---',
      'You said: "Say ␛[2J␛]0;pwned␇ now". This is the offline demo model; set OPENAI_BASE_URL to use a real one.',
      '[complete]',
      '[usage] prompt=N completion=N total=N',
      '--- stream end ---',
    ]);
    // Output to a pipe: not even the CLI's own sequences.
    expect(controlCharactersIn(agent.stdout)).toEqual([]);
  });
});

describe('durable-agent export: control characters in what the model said', () => {
  it('shows them as stand-ins on a terminal, and writes them as they were to a pipe', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    await scenario.ask(agent, 'Say \u001b[2J\u001b]0;pwned\u0007 now');
    const conversationId = conversationIdOf(agent);
    agent.send('quit');
    await agent.waitForExit();
    const bin = path.join(__dirname, '..', '..', 'bin', 'durable-agent.js');

    // `script` gives the export a terminal (a pseudo-terminal) as its standard output.
    const onTerminal = scenario.spawnCommand(
      'export on a terminal',
      'script',
      ['-qec', `${process.execPath} ${bin} export --conversation ${conversationId}`, '/dev/null'],
      scenario.directory,
    );
    expect((await onTerminal.waitForExit()).code, onTerminal.output).toBe(0);
    expect(onTerminal.stdout).toContain('Say ␛[2J␛]0;pwned␇ now');
    expect(controlCharactersIn(withoutCliSequences(onTerminal.stdout).replaceAll('\r', ''))).toEqual([]);

    const toPipe = scenario.spawn('export to a pipe', ['export', '--conversation', conversationId]);
    expect((await toPipe.waitForExit()).code, toPipe.output).toBe(0);
    expect(toPipe.stdout).toContain('Say \u001b[2J\u001b]0;pwned\u0007 now');
  });
});
