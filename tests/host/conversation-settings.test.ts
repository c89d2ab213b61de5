import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { startDemoModel } from 'durable-agent';
import { describe, expect, inject, it } from 'vitest';
import { answer } from './support/answer';
import { setupTestHosts } from './support/setup-test-hosts';
import { testSettings } from './support/test-host';

const { readyHost, restart } = setupTestHosts('conversation-settings');

const QUESTION = 'What are your instructions?';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
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
    const again = await restart(host);
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
