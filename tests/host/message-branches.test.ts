import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AgentRunInput } from 'durable-agent';
import { describe, expect, inject, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { ChatMessage } from '../../src/shared/models';
import { setupTestHosts } from './support/setup-test-hosts';

const { readyHost } = setupTestHosts('branches');

/** The messages a run's workflow started with, read back from Temporal's history. */
async function modelInput(host: Host, runId: string, conversationId: string) {
  const detail = await host.handlers.loadConversation({ conversationId });
  const workflowId = detail.runs.find((run) => run.id === runId)!.workflowId;
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return defaultPayloadConverter.fromPayload<AgentRunInput>(payload!).messages;
  } finally {
    await connection.close();
  }
}

const shown = (messages: readonly ChatMessage[]) =>
  messages.map((message) => [message.text, message.versionIds?.length ?? 1]);

describe('Host message branches', () => {
  it('answers an edited prompt on its own branch, switches versions, and the model sees only the branch on screen', async () => {
    const host = await readyHost();
    const first = await host.handlers.sendMessage({ text: 'My name is Ada.' });
    const conversationId = first.conversation.id;
    await host.idle();
    await host.handlers.sendMessage({ conversationId, text: 'What is my name?' });
    await host.idle();

    const edited = await host.handlers.editMessage({
      messageId: first.userMessage.id,
      text: 'My name is Grace.',
    });
    await host.idle();
    const asked = await host.handlers.sendMessage({ conversationId, text: 'What is my name?' });
    await host.idle();
    let detail = await host.handlers.loadConversation({ conversationId });
    expect(shown(detail.messages)).toEqual([
      ['My name is Grace.', 2],
      ['Nice to meet you, Grace!', 1],
      ['What is my name?', 1],
      ['Your name is Grace.', 1],
    ]);
    expect(detail.messages[0]!.versionIds).toEqual([first.userMessage.id, edited.userMessage.id]);
    expect(await modelInput(host, asked.run.id, conversationId)).toEqual([
      { role: 'user', content: 'My name is Grace.' },
      { role: 'assistant', content: 'Nice to meet you, Grace!' },
      { role: 'user', content: 'What is my name?' },
    ]);

    // Back to version 1: Ada's branch, as it was; a regeneration there is a second version of its answer.
    detail = await host.handlers.showMessageVersion({ messageId: first.userMessage.id });
    expect(shown(detail.messages)).toEqual([
      ['My name is Ada.', 2],
      ['Nice to meet you, Ada!', 1],
      ['What is my name?', 1],
      ['Your name is Ada.', 1],
    ]);
    const lastAnswer = detail.messages[3]!;
    const again = await host.handlers.regenerate({ messageId: lastAnswer.id });
    await host.idle();
    detail = await host.handlers.loadConversation({ conversationId });
    expect(shown(detail.messages).slice(2)).toEqual([
      ['What is my name?', 1],
      ['Your name is Ada.', 2],
    ]);
    expect(detail.messages[3]!.versionIds).toEqual([lastAnswer.id, again.assistantMessage.id]);
    expect(await modelInput(host, again.run.id, conversationId)).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada!' },
      { role: 'user', content: 'What is my name?' },
    ]);
    // The earlier answer is kept as version 1 of 2.
    detail = await host.handlers.showMessageVersion({ messageId: lastAnswer.id });
    expect(detail.messages[3]).toMatchObject({ id: lastAnswer.id, text: 'Your name is Ada.' });

    // Export and import keep every version and the branch shown.
    const file = await host.handlers.exportConversation({ conversationId, format: 'json' });
    const imported = await host.handlers.importConversation({ text: file.text });
    const copy = await host.handlers.loadConversation({ conversationId: imported.id });
    expect(shown(copy.messages)).toEqual([
      ['My name is Ada.', 2],
      ['Nice to meet you, Ada!', 1],
      ['What is my name?', 1],
      ['Your name is Ada.', 2],
    ]);
    const grace = await host.handlers.showMessageVersion({ messageId: copy.messages[0]!.versionIds![1]! });
    expect(grace.messages.map((message) => message.text)).toEqual([
      'My name is Grace.',
      'Nice to meet you, Grace!',
      'What is my name?',
      'Your name is Grace.',
    ]);
    await expect(host.handlers.regenerate({ messageId: grace.messages[3]!.id })).rejects.toThrow(/read-only/);
  });
});
