import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
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

  it('ends a stream cleanly without a finish reason or [DONE] on a clean-close fault', async () => {
    model.injectFault({ kind: 'clean-close', afterTokens: 4 });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await streamRequest(travelPlanRequest)) chunks.push(chunk);
    const deltas = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(deltas).toHaveLength(4);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
  });

  it('sends an error object inside the stream on a stream-error fault (an APIError without status)', async () => {
    model.injectFault({ kind: 'stream-error', afterTokens: 3 });
    const failure = await collectText(travelPlanRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBeUndefined();
    expect((failure as InstanceType<typeof OpenAI.APIError>).type).toBe('server_error');
    model.injectFault({ kind: 'stream-error', afterTokens: 0, errorType: 'invalid_request_error' });
    const refused = await collectText(greeting).catch((error: unknown) => error);
    expect((refused as InstanceType<typeof OpenAI.APIError>).type).toBe('invalid_request_error');
  });

  it('sends an event that is not JSON on a malformed fault', async () => {
    model.injectFault({ kind: 'malformed', afterTokens: 2 });
    await expect(collectText(travelPlanRequest)).rejects.toThrow(/malformed server-sent event JSON/);
  });

  it('sends Retry-After with an injected 429 when asked', async () => {
    model.injectFault({ kind: 'status', status: 429, retryAfter: 7 });
    const failure = await collectText(greeting).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect((failure as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');
  });

  it('refuses a prompt over its context window with 400 context_length_exceeded', async () => {
    const small = await startDemoModel({ pace: 0, contextWindow: 20 });
    try {
      const smallClient = new OpenAI({ baseURL: small.baseURL, apiKey: 'demo', maxRetries: 0 });
      const failure = await smallClient.chat.completions
        .create({ model: 'demo', messages: [{ role: 'user', content: 'word '.repeat(40) }] })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
      expect((failure as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
      expect((failure as Error).message).toContain("This model's maximum context length is 20 tokens");
      const fits = await smallClient.chat.completions.create({ model: 'demo', messages: greeting });
      expect(fits.choices[0]?.message.content).toBe('Hello! How can I help you today?');
    } finally {
      await small.close();
    }
  });

  it('refuses a tool message without content, as OpenAI does', async () => {
    const messages = [
      { role: 'user', content: 'call tool notify' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'call-1', type: 'function', function: { name: 'notify', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call-1' },
    ] as ChatCompletionMessageParam[];
    const failure = await collectText(messages).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as Error).message).toContain("Missing required parameter: 'messages.[2].content'");
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
