import { describe, expect, it } from 'vitest';
import type { AgentRunInput, ConversationMessage } from '../src/common/types';
import { INLINE_RUN_MESSAGES_CHARACTERS, modelCallMessages } from '../src/workflow/model-call-messages';

const input = (messages: ConversationMessage[], addedMessages?: number) =>
  ({ messages, ...(addedMessages ? { addedMessages } : {}) }) as unknown as AgentRunInput;
const user = (content: string): ConversationMessage => ({ role: 'user', content });
const assistant = (content: string): ConversationMessage => ({ role: 'assistant', content });

describe('modelCallMessages', () => {
  it('carries a first prompt and refers to nothing', () => {
    expect(modelCallMessages(input([user('Hello!')]))).toEqual({ inline: [user('Hello!')] });
  });

  it('refers to the conversation before the prompt, which it carries', () => {
    const messages = [user('My name is Ada.'), assistant('Nice to meet you, Ada!'), user('What is my name?')];
    expect(modelCallMessages(input(messages))).toEqual({
      earlierMessages: { from: 'workflow-input', count: 2 },
      inline: [user('What is my name?')],
    });
  });

  it('carries every message the run adds (client tool results, then the prompt)', () => {
    const toolResult: ConversationMessage = {
      role: 'tool',
      content: '42',
      toolCallId: 'c1',
      toolName: 'calc',
    };
    const messages = [user('compute'), assistant(''), toolResult, user('thanks')];
    expect(modelCallMessages(input(messages, 2))).toEqual({
      earlierMessages: { from: 'workflow-input', count: 2 },
      inline: [toolResult, user('thanks')],
    });
  });

  it('refers to a large prompt too: the model call carries none of the input', () => {
    const big = user('x'.repeat(INLINE_RUN_MESSAGES_CHARACTERS));
    expect(modelCallMessages(input([user('a'), assistant('b'), big]))).toEqual({
      earlierMessages: { from: 'workflow-input', count: 3 },
      inline: [],
    });
  });
});
