import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryRequest } from '../src/common/compaction-prompt';
import { type DemoModel, startDemoModel } from '../src/llm/demo-model';

let model: DemoModel;
let client: OpenAI;

beforeEach(async () => {
  model = await startDemoModel({ pace: 0, contextWindow: 8_000 });
  client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 0, logLevel: 'off' });
});

afterEach(async () => {
  await model.close();
});

async function answer(messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[], tools = false) {
  const completion = await client.chat.completions.create({
    model: 'demo',
    messages,
    ...(tools
      ? {
          tools: [
            {
              type: 'function' as const,
              function: { name: 'calculator', parameters: { type: 'object' } },
            },
          ],
        }
      : {}),
  });
  return completion.choices[0]?.message;
}

/** The arguments of the first tool call of an answer. */
function firstCallArguments(
  message: OpenAI.Chat.Completions.ChatCompletionMessage | undefined,
): string | undefined {
  const call = message?.tool_calls?.[0];
  return call?.type === 'function' ? call.function.arguments : undefined;
}

describe('demo model: context window', () => {
  it('reports its context window in /v1/models', async () => {
    const listed = await client.models.list();
    expect(
      listed.data.map((entry) => (entry as unknown as { context_window: number }).context_window),
    ).toEqual([8_000, 8_000]);
  });

  it("refuses a longer prompt with OpenAI's 400 context_length_exceeded body", async () => {
    const response = await fetch(`${model.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'word '.repeat(9_000) }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message:
          "This model's maximum context length is 8000 tokens. However, your messages resulted in 9003 tokens. Please reduce the length of the messages.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
  });
});

describe('demo model: summaries', () => {
  it('summarises turns deterministically, keeping the name and the latest request, and adds to a summary so far', async () => {
    const first = await answer([
      {
        role: 'user',
        content: summaryRequest(undefined, [
          '[user] Hi, my name is Ada Lovelace.',
          '[assistant] Nice to meet you, Ada Lovelace!',
          '[user] What is 2 + 3?',
          '[assistant] (calls calculator({"expression":"2 + 3"}))',
          '[tool calculator] {"expression":"2 + 3","result":5}',
        ]),
      },
    ]);
    expect(first?.content).toBe(
      'Summary of earlier turns: 5 messages, 1 tool results. The user said: My name is Ada Lovelace. The latest request was: "What is 2 + 3?".',
    );
    const second = await answer([
      {
        role: 'user',
        content: summaryRequest(first?.content ?? '', ['[user] Plan a trip.', '[assistant] Sure.']),
      },
    ]);
    expect(second?.content).toBe(
      'Summary of earlier turns: 7 messages, 1 tool results. The user said: My name is Ada Lovelace. The latest request was: "Plan a trip.".',
    );
  });
});

describe('demo model: counting with the calculator', () => {
  it('calls the calculator once per step, from the last result, and answers at the goal', async () => {
    const prompt = { role: 'user' as const, content: 'Count to 2 with the calculator.' };
    const start = await answer([prompt], true);
    expect(firstCallArguments(start)).toBe('{"expression":"0 + 1"}');
    const call = (id: string, expression: string) => ({
      role: 'assistant' as const,
      content: '',
      tool_calls: [
        {
          id,
          type: 'function' as const,
          function: { name: 'calculator', arguments: JSON.stringify({ expression }) },
        },
      ],
    });
    const step = await answer(
      [
        prompt,
        call('a', '0 + 1'),
        { role: 'tool', tool_call_id: 'a', content: '{"expression":"0 + 1","result":1}' },
      ],
      true,
    );
    expect(firstCallArguments(step)).toBe('{"expression":"1 + 1"}');
    const done = await answer(
      [
        prompt,
        call('a', '0 + 1'),
        { role: 'tool', tool_call_id: 'a', content: '{"expression":"0 + 1","result":1}' },
        call('b', '1 + 1'),
        { role: 'tool', tool_call_id: 'b', content: '{"expression":"1 + 1","result":2}' },
      ],
      true,
    );
    expect(done?.content).toBe('I counted to 2 with 2 calculator calls.');
  });
});
