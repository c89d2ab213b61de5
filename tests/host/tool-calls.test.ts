import { describe, expect, it } from 'vitest';
import { answered } from './support/answer';
import { setupTestHosts } from './support/setup-test-hosts';

const { readyTestHost } = setupTestHosts('tool-calls');

describe('Host tool calls', () => {
  it('stores the tool calls an answer used with the message, so loading the conversation shows them', async () => {
    const { host, eventsOf } = await readyTestHost();

    const sent = await answered(host, 'What is 12 * 7?');

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    const answer = detail.messages.find((message) => message.id === sent.assistantMessage.id);
    expect(answer).toMatchObject({ status: 'complete', text: expect.stringContaining('84') });
    expect(answer?.toolCalls).toEqual([
      {
        id: expect.any(String),
        name: 'calculator',
        arguments: '{"expression":"12 * 7"}',
        result: expect.stringContaining('84'),
      },
    ]);
    expect(detail.messages[0]?.toolCalls).toBeUndefined();
    // The UI saw the call while the run went: its events reached it as they came.
    const streamed = eventsOf('runEvents').flatMap((batch) => batch.events);
    expect(
      streamed.some((event) => event.type === 'TOOL_CALL_START' && event.toolCallName === 'calculator'),
    ).toBe(true);
  });
});
