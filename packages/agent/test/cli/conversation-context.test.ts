import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, scenarioRegistry } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent agent (conversation context)', () => {
  it('sends the earlier turns of the session with each prompt, so the model answers from them', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();

    expect(withUsagePlaceholder(await scenario.ask(agent, 'My name is Ada.'))).toEqual(
      answerBlock('Nice to meet you, Ada!'),
    );
    expect(withUsagePlaceholder(await scenario.ask(agent, 'What is my name?'))).toEqual(
      answerBlock('Your name is Ada.'),
    );
    expect(withUsagePlaceholder(await scenario.ask(agent, 'What did I ask you first?'))).toEqual(
      answerBlock('You first asked: "My name is Ada."'),
    );
  });

  it('knows the name in a continued conversation, and not in a new one that did not give it', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const first = await scenario.startAgent();
    await scenario.ask(first, 'My name is Ada.');
    first.send('quit');
    await first.waitForExit();

    const continued = await scenario.startAgent(['--conversation', conversationIdOf(first)]);
    expect(withUsagePlaceholder(await scenario.ask(continued, 'What is my name?'))).toEqual(
      answerBlock('Your name is Ada.'),
    );

    const fresh = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(fresh, 'What is my name?'))).toEqual(
      answerBlock("I don't know your name yet. What is it?"),
    );
  });
});
