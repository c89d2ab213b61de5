import { networkInterfaces } from 'node:os';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoModel, startDemoModel } from '../src/llm/demo-model';

let model: DemoModel;

beforeEach(async () => {
  model = await startDemoModel({ pace: 0, model: 'demo-test' });
});

afterEach(async () => {
  await model.close();
});

function postChat(body: string): Promise<Response> {
  return fetch(`${model.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

function controlUrl(path: string): string {
  return `${model.baseURL.replace(/\/v1$/, '')}/__control/${path}`;
}

function postControl(path: string, body: unknown): Promise<Response> {
  return fetch(controlUrl(path), { method: 'POST', body: JSON.stringify(body) });
}

async function expectOpenAiError(response: Response, status: number, param?: string | null): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(body.error).toMatchObject({ type: 'invalid_request_error' });
  expect(typeof body.error.message).toBe('string');
  expect(body.error).toHaveProperty('code');
  if (param === undefined) expect(body.error).toHaveProperty('param');
  else expect(body.error.param).toBe(param);
}

describe('startDemoModel (HTTP)', () => {
  it('lists its model and demo-mini on GET /v1/models', async () => {
    const client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo' });
    const models = [];
    for await (const entry of client.models.list()) models.push(entry);
    expect(models).toEqual([
      { id: 'demo-test', object: 'model', created: expect.any(Number), owned_by: 'durable-agent' },
      { id: 'demo-mini', object: 'model', created: expect.any(Number), owned_by: 'durable-agent' },
    ]);
    expect((await client.models.retrieve('demo-test')).id).toBe('demo-test');
  });

  it('refuses invalid JSON with a 400 OpenAI error', async () => {
    await expectOpenAiError(await postChat('{"messages": ['), 400, null);
  });

  it('refuses missing or empty messages with a 400 naming the messages param', async () => {
    await expectOpenAiError(await postChat('{"model":"demo"}'), 400, 'messages');
    await expectOpenAiError(await postChat('{"model":"demo","messages":[]}'), 400, 'messages');
  });

  it('refuses a message without a role with a 400 naming that role', async () => {
    await expectOpenAiError(await postChat('{"messages":[{"content":"hi"}]}'), 400, 'messages.[0].role');
  });

  it('raises bad requests in the openai client as OpenAI.BadRequestError', async () => {
    const client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'demo', messages: [] })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
  });

  it('answers unknown paths with a 404 in the same error shape', async () => {
    await expectOpenAiError(
      await fetch(`${model.baseURL}/embeddings`, { method: 'POST', body: '{}' }),
      404,
      null,
    );
  });

  it('counts chat completion requests', async () => {
    await postChat('{"messages":[{"role":"user","content":"hi"}]}');
    await postChat('not json');
    expect(model.requestCount).toBe(2);
  });

  it('takes faults, pace and stats through the control endpoint', async () => {
    expect(await (await fetch(controlUrl('stats'))).json()).toMatchObject({ requestCount: 0 });
    const injected = await postControl('faults', { kind: 'status', status: 429, times: 2 });
    expect(injected.status).toBe(200);
    expect((await postControl('pace', { tokensPerSecond: 1000 })).status).toBe(200);

    expect((await postChat('{"messages":[{"role":"user","content":"hi"}]}')).status).toBe(429);
    const limited = await postChat('{"messages":[{"role":"user","content":"hi"}]}');
    expect(limited.headers.get('retry-after-ms')).toBe('100');
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
    expect((await postChat('{"messages":[{"role":"user","content":"hi"}]}')).status).toBe(200);

    expect(await (await fetch(controlUrl('stats'))).json()).toEqual({
      requestCount: 3,
      tokensPerSecond: 1000,
      pendingFaults: 0,
    });
  });

  it('clears pending faults on DELETE /__control/faults', async () => {
    await postControl('faults', { kind: 'status', status: 500 });
    const cleared = await fetch(controlUrl('faults'), { method: 'DELETE' });
    expect(await cleared.json()).toMatchObject({ pendingFaults: 0 });
    expect((await postChat('{"messages":[{"role":"user","content":"hi"}]}')).status).toBe(200);
  });

  it('refuses malformed faults and paces through the control endpoint with a 400', async () => {
    await expectOpenAiError(await postControl('faults', { kind: 'status', status: 418 }), 400);
    await expectOpenAiError(await postControl('faults', { kind: 'stall', afterToken: 3 }), 400);
    await expectOpenAiError(await postControl('pace', { tokensPerSecond: -1 }), 400);
  });

  it('throws on a malformed fault or pace given in code', () => {
    expect(() => model.injectFault({ kind: 'disconnect', afterTokens: -1 })).toThrow(/invalid fault/);
    expect(() => model.setPace(Number.NaN)).toThrow(/invalid pace/);
  });
});

describe('startDemoModel (listening)', () => {
  it('reports a port already in use as a port-in-use AgentError', async () => {
    await expect(startDemoModel({ port: model.port })).rejects.toMatchObject({
      code: 'port-in-use',
      message: `port ${model.port} is already in use`,
    });
  });

  it('answers the control endpoint only on loopback', async () => {
    const wide = await startDemoModel({ host: '0.0.0.0', pace: 0 });
    const externalAddress = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
    try {
      expect(wide.baseURL).toBe(`http://127.0.0.1:${wide.port}/v1`);
      expect((await fetch(`http://127.0.0.1:${wide.port}/__control/stats`)).status).toBe(200);
      if (externalAddress !== undefined) {
        expect((await fetch(`http://${externalAddress}:${wide.port}/__control/stats`)).status).toBe(404);
        expect((await fetch(`http://${externalAddress}:${wide.port}/v1/models`)).status).toBe(200);
      }
    } finally {
      await wide.close();
    }
  });
});
