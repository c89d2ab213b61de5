import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoModel, startDemoModel } from '../src/llm/demo-model';

let model: DemoModel;
let client: OpenAI;

beforeEach(async () => {
  model = await startDemoModel({ pace: 0 });
  client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 0 });
});

afterEach(async () => {
  await model.close();
});

const greeting: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello!' }];
const travelPlanRequest: ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Make me a travel plan for Japan' },
];

function streamRequest(messages: ChatCompletionMessageParam[], signal?: AbortSignal) {
  return client.chat.completions.create({ model: 'demo', messages, stream: true }, { signal });
}

async function collectText(messages: ChatCompletionMessageParam[]): Promise<string> {
  let text = '';
  for await (const chunk of await streamRequest(messages)) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

describe('startDemoModel (faults)', () => {
  it('raises an injected 401 as OpenAI.AuthenticationError', async () => {
    model.injectFault({ kind: 'status', status: 401 });
    const failure = await collectText(greeting).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((failure as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(await collectText(greeting)).toBe('Hello! How can I help you today?');
  });

  it('lets the openai client retry an injected 429 and then succeed', async () => {
    model.injectFault({ kind: 'status', status: 429 });
    const retrying = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 2 });
    const completion = await retrying.chat.completions.create({ model: 'demo', messages: greeting });
    expect(completion.choices[0]?.message.content).toBe('Hello! How can I help you today?');
    expect(model.requestCount).toBe(2);
  });

  it('raises an injected 500 as OpenAI.InternalServerError with a server_error body', async () => {
    model.injectFault({ kind: 'status', status: 500, times: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const failure = await collectText(greeting).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
      expect((failure as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
    }
    expect(await collectText(greeting)).toBe('Hello! How can I help you today?');
  });

  it('applies a fault only to requests whose last user message contains its match', async () => {
    model.injectFault({ kind: 'status', status: 400, match: 'TRAVEL' });
    expect(await collectText(greeting)).toBe('Hello! How can I help you today?');
    await expect(collectText(travelPlanRequest)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('makes the stream iteration throw when it disconnects mid-stream', async () => {
    model.injectFault({ kind: 'disconnect', afterTokens: 5 });
    const received: string[] = [];
    const iteration = (async () => {
      for await (const chunk of await streamRequest(travelPlanRequest)) {
        const delta = chunk.choices[0]?.delta.content;
        if (delta) received.push(delta);
      }
    })();
    await expect(iteration).rejects.toThrow();
    expect(received).toHaveLength(5);
  });

  it('stalls until the client aborts, then ends quickly and leaves no timer running', async () => {
    const timersBefore = activeTimers();
    model.injectFault({ kind: 'stall', afterTokens: 3, stallMs: 60_000 });
    const controller = new AbortController();
    const received: string[] = [];
    const iteration = (async () => {
      for await (const chunk of await streamRequest(travelPlanRequest, controller.signal)) {
        const delta = chunk.choices[0]?.delta.content;
        if (delta) received.push(delta);
        if (received.length === 3) setTimeout(() => controller.abort(), 50);
      }
    })();
    const started = performance.now();
    await iteration.catch(() => undefined);
    expect(received).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(5_000);
    const closing = performance.now();
    await model.close();
    expect(performance.now() - closing).toBeLessThan(1_000);
    // Client-side timers settle shortly after the abort; a leaked 60 s stall timer never would.
    await expect.poll(activeTimers, { timeout: 2_000 }).toBeLessThanOrEqual(timersBefore);
  });

  it('resumes a stream after a stall with stallMs', async () => {
    model.injectFault({ kind: 'stall', afterTokens: 2, stallMs: 50 });
    expect(await collectText(greeting)).toBe('Hello! How can I help you today?');
  });

  it('closes open streams when the server closes', async () => {
    model.setPace(5);
    const iteration = (async () => {
      for await (const _chunk of await streamRequest(travelPlanRequest)) {
        // consume until the server goes away
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await model.close();
    await expect(iteration).rejects.toThrow();
  });
});
