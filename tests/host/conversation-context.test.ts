import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../src/shared/models';
import { setupTestHosts } from './support/setup-test-hosts';
import { workflowInput } from './support/workflow-input';

const { readyHost } = setupTestHosts('context');

describe('Host conversation context', () => {
  it('sends the model every earlier prompt and answer of the conversation, in order', async () => {
    const host = await readyHost();

    const turns: SentMessage[] = [];
    for (const text of ['Hello from remote agent!', 'My name is Ada.', 'What is my name?']) {
      const conversationId = turns[0]?.conversation.id;
      turns.push(await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text }));
      await host.idle();
    }
    const conversationId = turns[0]!.conversation.id;
    const detail = await host.handlers.loadConversation({ conversationId });
    const texts = detail.messages.map((message) => message.text);
    expect(texts[5]).toBe('Your name is Ada.');

    const third = detail.runs.find((run) => run.id === turns[2]!.run.id)!;
    const input = await workflowInput(third.workflowId);
    expect(input.messages).toEqual([
      { role: 'user', content: 'Hello from remote agent!' },
      { role: 'assistant', content: texts[1] },
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: texts[3] },
      { role: 'user', content: 'What is my name?' },
    ]);
  });
});
