import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { startDemoModel } from 'durable-agent';
import { afterEach, describe, expect, inject, it } from 'vitest';
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

const QUESTION = 'What are your instructions?';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function readyHost(settings = testSettings()): Promise<Host> {
  directory = temporaryDirectory('conversation-settings');
  writeSettings(directory.path, settings);
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

/** Sends `text` in the conversation and returns the stored answer once the run is over. */
async function answer(host: Host, conversationId: string | undefined, text: string): Promise<ChatMessage> {
  const sent = await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text });
  await host.idle();
  const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
  return detail.messages.find((message) => message.id === sent.assistantMessage.id)!;
}

/** The config snapshot of the model call of a run, read back from Temporal's history. */
async function modelCallConfig(workflowId: string): Promise<{ instructions?: string; model?: string }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const scheduled = history.events?.find(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'invokeModelStreaming',
    );
    const payload = scheduled?.activityTaskScheduledEventAttributes?.input?.payloads?.[0];
    return defaultPayloadConverter.fromPayload<{ config: { instructions?: string; model?: string } }>(
      payload!,
    ).config;
  } finally {
    await connection.close();
  }
}

describe('Host conversation settings', () => {
  it('gives runs the default system prompt of Settings, and a conversation its own', async () => {
    const host = await readyHost(testSettings({ systemPrompt: 'You are the default assistant.' }));
    const first = await answer(host, undefined, QUESTION);
    expect(first.text).toBe('My instructions are: You are the default assistant.');

    const conversationId = first.conversationId;
    const updated = await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: 'You are a pirate.',
      model: null,
    });
    expect(updated.systemPrompt).toBe('You are a pirate.');
    const second = await answer(host, conversationId, QUESTION);
    expect(second.text).toBe('My instructions are: You are a pirate.');
    const detail = await host.handlers.loadConversation({ conversationId });
    const run = detail.runs.find((each) => each.assistantMessageId === second.id)!;
    expect((await modelCallConfig(run.workflowId)).instructions).toBe('You are a pirate.');

    await host.handlers.setConversationSettings({ conversationId, systemPrompt: '', model: null });
    expect((await answer(host, conversationId, QUESTION)).text).toBe('I have no instructions.');
  });

  it('keeps the conversation settings across a restart of the host', async () => {
    const host = await readyHost();
    const first = await answer(host, undefined, 'Hello!');
    await host.handlers.setConversationSettings({
      conversationId: first.conversationId,
      systemPrompt: 'Be brief.',
      model: 'demo-mini',
    });
    await host.close();
    hosts = [];
    const { host: again } = await createTestHost(directory!.path);
    hosts.push(again);
    await again.started;
    const [summary] = await again.handlers.listConversations();
    expect(summary).toMatchObject({ systemPrompt: 'Be brief.', model: 'demo-mini' });
  });

  it('asks the model a conversation chose among those the endpoint lists', async () => {
    const host = await readyHost();
    expect(await host.handlers.listModels(undefined)).toEqual(['demo', 'demo-mini']);
    const first = await answer(host, undefined, 'Hello!');
    const { conversationId } = first;

    await host.handlers.setConversationSettings({ conversationId, systemPrompt: null, model: 'demo-mini' });
    const second = await answer(host, conversationId, 'Hello again!');
    expect(second.status).toBe('complete');
    const detail = await host.handlers.loadConversation({ conversationId });
    const run = detail.runs.find((each) => each.assistantMessageId === second.id)!;
    expect((await modelCallConfig(run.workflowId)).model).toBe('demo-mini');

    await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: 'no-such-model',
    });
    const failed = await answer(host, conversationId, 'Hello!');
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain("The model 'no-such-model' does not exist");
  });

  it('says in words what Test connection finds: fine, model not found, 401, unreachable', async () => {
    const host = await readyHost();
    expect(await host.handlers.testModelConnection(undefined)).toEqual({
      ok: true,
      message: 'Connected: the model "demo" is available (2 models listed).',
    });

    const other = await startDemoModel({ pace: 0 });
    const refusing = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }),
      );
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      expect(
        await host.handlers.testModelConnection({ modelBaseUrl: other.baseURL, modelName: 'gpt-9' }),
      ).toEqual({
        ok: false,
        message: 'Connected, but the model "gpt-9" was not found (the endpoint has: demo, demo-mini).',
      });
      const { port } = refusing.address() as AddressInfo;
      expect(
        await host.handlers.testModelConnection({
          modelBaseUrl: `http://127.0.0.1:${port}/v1`,
          modelName: 'gpt-4o-mini',
          apiKey: 'sk-wrong',
        }),
      ).toEqual({
        ok: false,
        message: 'The endpoint answered HTTP 401 (the API key was refused): Incorrect API key provided',
      });
    } finally {
      await other.close();
      refusing.close();
    }
    const closed = await closedPort();
    const unreachable = await host.handlers.testModelConnection({
      modelBaseUrl: `http://127.0.0.1:${closed}/v1`,
      modelName: 'gpt-4o-mini',
    });
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).toBe(
      `Cannot reach http://127.0.0.1:${closed}/v1: connect ECONNREFUSED 127.0.0.1:${closed}.`,
    );
  });
});
