import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { ChatMessage, WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let hosts: Host[] = [];

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  directory?.remove();
  directory = undefined;
});

async function readyHost(): Promise<Host> {
  directory ??= temporaryDirectory('conversation-budget');
  writeSettings(directory.path, testSettings());
  const { host } = await createTestHost(directory.path);
  hosts.push(host);
  await host.started;
  await waitUntil(
    async () =>
      ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
    'a ready worker',
    90_000,
  );
  return host;
}

async function answer(host: Host, conversationId: string | undefined, text: string): Promise<ChatMessage> {
  const sent = await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text });
  await host.idle();
  const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
  return detail.messages.find((message) => message.id === sent.assistantMessage.id)!;
}

describe('Host conversation budget', () => {
  it('counts every run of the conversation, across a host restart, and ends the run over it as budget-exhausted', async () => {
    let host = await readyHost();
    const first = await answer(host, undefined, 'Hello!');
    const { conversationId } = first;
    const budget = { maxTokens: 10, maxCostUsd: null, maxToolCalls: null };
    const summary = await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: null,
      budget,
    });
    expect(summary.budget).toEqual(budget);
    await host.close();
    hosts = [];

    host = await readyHost();
    expect((await host.handlers.listConversations())[0]?.budget).toEqual(budget);
    const over = await answer(host, conversationId, 'Hello again!');
    const detail = await host.handlers.loadConversation({ conversationId });
    const run = detail.runs.find((each) => each.assistantMessageId === over.id)!;
    expect(run.view.phase).toBe('budget-exhausted');
    expect(run.view.budget?.reached?.message).toMatch(
      /^Conversation budget of 10 tokens reached \(spent \d+ tokens\)$/,
    );
    expect(over.text).not.toContain('Hello again! How can I help?');

    // Without the budget the conversation answers again.
    await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: null,
      budget: null,
    });
    expect((await answer(host, conversationId, 'Hello again!')).text).toBe('Hello again! How can I help?');
  }, 150_000);
});
