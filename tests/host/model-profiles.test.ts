import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { answer } from './support/answer';
import { setupTestHosts } from './support/setup-test-hosts';

const { readyHost, restart, dataDir } = setupTestHosts('model-profiles');
const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

/** An endpoint that lists `gpt-4o-mini` to the bearer of `sk-right` and answers 401 to anyone else. */
function keyCheckingEndpoint(): Server {
  return createServer((request, response) => {
    const allowed = request.headers.authorization === 'Bearer sk-right';
    response.writeHead(allowed ? 200 : 401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        allowed
          ? { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }
          : { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } },
      ),
    );
  });
}

async function deadUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

/** The models of a run's model calls, read back from Temporal's history (config and per-call choice). */
async function modelCallModels(workflowId: string): Promise<string[]> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const historyText = JSON.stringify(history);
    expect(historyText).not.toContain('sk-right'); // keys never reach Temporal
    return (history.events ?? []).flatMap((event) => {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'invokeModelStreaming') return [];
      const input = defaultPayloadConverter.fromPayload<{ model?: string; config: { model?: string } }>(
        scheduled.input!.payloads![0]!,
      );
      return [input.model ?? input.config.model ?? ''];
    });
  } finally {
    await connection.close();
  }
}

describe('Host model profiles', () => {
  it('keeps profiles in SQLite across a restart, the key write-only and bound to its origin', async () => {
    const host = await readyHost();
    const checking = await listen(keyCheckingEndpoint());
    const [saved] = await host.handlers.saveModelProfile({
      name: 'Work',
      baseUrl: checking,
      defaultModel: 'gpt-4o-mini',
      apiKey: 'sk-right',
    });
    expect(saved).toMatchObject({ name: 'Work', baseUrl: checking, hasApiKey: true });
    expect(JSON.stringify(await host.handlers.listModelProfiles())).not.toContain('sk-right');
    expect(await host.handlers.testModelProfile({ profileId: saved!.id })).toEqual({
      ok: true,
      message: 'Connected: the model "gpt-4o-mini" is available (1 models listed).',
    });
    const again = await restart(host);
    expect(await again.handlers.listModelProfiles()).toEqual([saved]);
    expect((await again.handlers.testModelProfile({ profileId: saved!.id })).ok).toBe(true);
    expect(readFileSync(path.join(dataDir(), 'history.db')).includes('sk-right')).toBe(false);

    // Another origin without a new key: the key is removed, never sent there.
    const other = await listen(keyCheckingEndpoint());
    const [moved] = await again.handlers.saveModelProfile({
      id: saved!.id,
      name: 'Work',
      baseUrl: other,
      defaultModel: 'gpt-4o-mini',
    });
    expect(moved?.hasApiKey).toBe(false);
    expect(await again.handlers.testModelProfile({ profileId: saved!.id })).toEqual({
      ok: false,
      message: 'The endpoint answered HTTP 401 (no API key is set): Incorrect API key provided',
    });
  });

  it("says in words what Test connection finds per profile, and lists each profile's models", async () => {
    const host = await readyHost();
    const dead = await deadUrl();
    await host.handlers.saveModelProfile({ name: 'Demo', baseUrl: '', defaultModel: 'demo' });
    await host.handlers.saveModelProfile({ name: 'Dead', baseUrl: dead, defaultModel: 'demo' });
    await host.handlers.saveModelProfile({ name: 'Typo', baseUrl: '', defaultModel: 'demo-maxi' });
    const [demo, deadProfile, typo] = await host.handlers.listModelProfiles();

    expect(await host.handlers.testModelProfile({ profileId: demo!.id })).toEqual({
      ok: true,
      message: 'Connected: the model "demo" is available (2 models listed).',
    });
    const port = new URL(dead).port;
    expect(await host.handlers.testModelProfile({ profileId: deadProfile!.id })).toEqual({
      ok: false,
      message: `Cannot reach ${dead}: connect ECONNREFUSED 127.0.0.1:${port}.`,
    });
    expect(await host.handlers.testModelProfile({ profileId: typo!.id })).toEqual({
      ok: false,
      message: 'Connected, but the model "demo-maxi" was not found (the endpoint has: demo, demo-mini).',
    });
    expect(await host.handlers.listModels({ profileId: demo!.id })).toEqual(['demo', 'demo-mini']);
    await expect(host.handlers.listModels({ profileId: deadProfile!.id })).rejects.toThrow(/Cannot reach/);
  });

  it("runs a conversation on its profile's endpoint and model, and falls back to another profile when it is dead", async () => {
    const host = await readyHost();
    const dead = await deadUrl();
    const [demo] = await host.handlers.saveModelProfile({ name: 'Demo', baseUrl: '', defaultModel: 'demo' });
    const profiles = await host.handlers.saveModelProfile({
      name: 'Dead',
      baseUrl: dead,
      defaultModel: 'demo',
    });
    const deadProfile = profiles.find((each) => each.name === 'Dead')!;

    const first = await answer(host, undefined, 'Hello!');
    const { conversationId } = first;
    await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: 'demo-mini',
      modelProfileId: demo!.id,
    });
    const onProfile = await answer(host, conversationId, 'Hello!');
    expect(onProfile).toMatchObject({ status: 'complete', text: 'Hello! How can I help you today?' });
    let detail = await host.handlers.loadConversation({ conversationId });
    let run = detail.runs.find((each) => each.assistantMessageId === onProfile.id)!;
    expect(await modelCallModels(run.workflowId)).toEqual([`@${demo!.id}/demo-mini`]);

    const summary = await host.handlers.setConversationSettings({
      conversationId,
      systemPrompt: null,
      model: null,
      modelProfileId: deadProfile.id,
      fallbackProfileId: demo!.id,
    });
    expect(summary).toMatchObject({ modelProfileId: deadProfile.id, fallbackProfileId: demo!.id });
    const fallenBack = await answer(host, conversationId, 'Hello!');
    expect(fallenBack).toMatchObject({ status: 'complete', text: 'Hello! How can I help you today?' });
    detail = await host.handlers.loadConversation({ conversationId });
    run = detail.runs.find((each) => each.assistantMessageId === fallenBack.id)!;
    const models = await modelCallModels(run.workflowId);
    expect(models.at(0)).toBe(`@${deadProfile.id}/demo`);
    expect(models.at(-1)).toBe(`@${demo!.id}/demo`);
  }, 120_000);
});
