import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countTokens, type DemoModel, startDemoModel } from '../src/llm/demo-model';

const calculatorTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'calculator',
    parameters: { type: 'object', properties: { expression: { type: 'string' } } },
  },
};
const currentTimeTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'currentTime', parameters: {} },
};

let model: DemoModel;
let client: OpenAI;

beforeEach(async () => {
  model = await startDemoModel({ pace: 0 });
  client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 0 });
});

afterEach(async () => {
  await model.close();
});

interface StreamedReply {
  readonly chunks: OpenAI.Chat.Completions.ChatCompletionChunk[];
  readonly text: string;
  readonly toolCall?: { id: string; name: string; arguments: string };
}

async function streamReply(
  messages: ChatCompletionMessageParam[],
  tools?: ChatCompletionTool[],
): Promise<StreamedReply> {
  const stream = await client.chat.completions.create({
    model: 'demo',
    messages,
    tools,
    stream: true,
    stream_options: { include_usage: true },
  });
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  let text = '';
  let toolCall: StreamedReply['toolCall'];
  for await (const chunk of stream) {
    chunks.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      toolCall ??= { id: call.id ?? '', name: call.function?.name ?? '', arguments: '' };
      toolCall.arguments += call.function?.arguments ?? '';
    }
  }
  return { chunks, text, ...(toolCall === undefined ? {} : { toolCall }) };
}

async function replyText(messages: ChatCompletionMessageParam[]): Promise<string> {
  return (await streamReply(messages)).text;
}

describe('startDemoModel (replies)', () => {
  it('streams a greeting token by token and ends with a usage chunk', async () => {
    const { chunks, text } = await streamReply([
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Hello!' },
    ]);
    expect(text).toBe('Hello! How can I help you today?');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks).toHaveLength(countTokens(text));
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const usage = chunks.at(-1);
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage?.completion_tokens).toBe(countTokens(text));
    expect(usage?.usage?.prompt_tokens).toBeGreaterThan(countTokens('You are helpful.Hello!'));
    expect(usage?.usage?.total_tokens).toBe((usage?.usage?.prompt_tokens ?? 0) + countTokens(text));
  });

  it('answers the scripted fixed phrases exactly', async () => {
    expect(await replyText([{ role: 'user', content: 'hello from remote agent!' }])).toBe(
      'Hello! How can I help you today?',
    );
    expect(await replyText([{ role: 'user', content: 'Hello again!' }])).toBe('Hello again! How can I help?');
    expect(await replyText([{ role: 'user', content: 'Still working?' }])).toBe(
      'Yes, still here! How can I help?',
    );
  });

  it('streams a long travel plan of at least 300 tokens incrementally at the set pace', async () => {
    model.setPace(2000);
    const stream = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'Plan a 7-day trip to Japan with a day-by-day itinerary.' }],
      stream: true,
    });
    const arrivals: number[] = [];
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        arrivals.push(performance.now());
        text += delta;
      }
    }
    expect(
      text.startsWith(
        'Here is a detailed day-by-day travel plan for Japan...\nDay 1: Arrive in Tokyo — Start at Shinjuku...',
      ),
    ).toBe(true);
    expect(text).toContain('\nDay 2: Explore Asakusa and Ueno...');
    expect(text).toContain('\nDay 7: ');
    expect(countTokens(text)).toBeGreaterThanOrEqual(300);
    expect(arrivals.length).toBe(countTokens(text));
    expect(arrivals[0]).toBeLessThan(arrivals.at(-1) ?? 0);
  });

  it('answers without streaming with a whole chat.completion and usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('Hello! How can I help you today?');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBe(countTokens('Hello! How can I help you today?'));
  });

  it('streams a calculator tool call for arithmetic that the openai client accumulates', async () => {
    const { toolCall, text, chunks } = await streamReply(
      [{ role: 'user', content: 'What is 12 * 7?' }],
      [calculatorTool],
    );
    expect(text).toBe('');
    expect(toolCall?.name).toBe('calculator');
    expect(toolCall?.id).toMatch(/^call_/);
    expect(JSON.parse(toolCall?.arguments ?? '')).toEqual({ expression: '12 * 7' });
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
  });

  it('gives the same tool call id when the same conversation is sent again', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'calculate (2+3)*4' }];
    const first = await streamReply(messages, [calculatorTool]);
    const second = await client.chat.completions.create({ model: 'demo', messages, tools: [calculatorTool] });
    expect(second.choices[0]?.message.tool_calls?.[0]?.id).toBe(first.toolCall?.id);
    expect(second.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('answers arithmetic directly when no calculator tool is offered', async () => {
    expect(await replyText([{ role: 'user', content: 'What is 12 * 7?' }])).toBe('12 * 7 = 84.');
  });

  it('calls currentTime for the time only when that tool is offered', async () => {
    const { toolCall } = await streamReply(
      [{ role: 'user', content: 'What time is it?' }],
      [currentTimeTool],
    );
    expect(toolCall).toMatchObject({ name: 'currentTime', arguments: '{}' });
    expect(
      (await streamReply([{ role: 'user', content: 'What time is it?' }], [calculatorTool])).toolCall,
    ).toBeUndefined();
  });

  it('calls any offered tool named by a test directive and refuses tools that are not offered', async () => {
    const directive = 'call tool calculator with {"expression": "1 + 1"}';
    const { toolCall } = await streamReply([{ role: 'user', content: directive }], [calculatorTool]);
    expect(toolCall).toMatchObject({ name: 'calculator', arguments: '{"expression":"1 + 1"}' });
    expect(await replyText([{ role: 'user', content: 'call tool deleteFiles with {}' }])).toBe(
      'The tool "deleteFiles" is not available.',
    );
  });

  it('uses a tool result in the next reply', async () => {
    const call = {
      id: 'call_1',
      type: 'function' as const,
      function: { name: 'calculator', arguments: '{}' },
    };
    const history: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is 12 * 7?' },
      { role: 'assistant', content: null, tool_calls: [call] },
    ];
    const answer = (content: string) =>
      replyText([...history, { role: 'tool', tool_call_id: 'call_1', content }]);
    expect(await answer('{"expression":"12 * 7","result":84}')).toBe('The result is 84.');
    expect(await answer('Error: division by zero')).toBe('The tool failed: division by zero');
    expect(await answer('{"error":"bad expression"}')).toBe('The tool failed: bad expression');
    expect(await answer('{"rejected":true,"reason":"not now"}')).toBe('The tool call was rejected: not now');
  });

  it('remembers the first destination only when the plan is in the conversation', async () => {
    const question = 'What was the first destination in that plan?';
    const plan = await replyText([{ role: 'user', content: 'Give me a travel plan for Japan' }]);
    expect(
      await replyText([
        { role: 'user', content: 'Give me a travel plan for Japan' },
        { role: 'assistant', content: plan },
        { role: 'user', content: question },
      ]),
    ).toBe('The first destination in that plan was Tokyo.');
    expect(await replyText([{ role: 'user', content: question }])).toBe(
      "I don't have context of a previous plan. Could you clarify?",
    );
  });

  it('greets a user who gives their name, by that name', async () => {
    expect(await replyText([{ role: 'user', content: 'My name is Ada.' }])).toBe('Nice to meet you, Ada!');
    expect(await replyText([{ role: 'user', content: 'Hi, my name is Grace Hopper!' }])).toBe(
      'Nice to meet you, Grace Hopper!',
    );
  });

  it('tells the user their name only when an earlier user message of the conversation gave it', async () => {
    const question = 'What is my name?';
    expect(
      await replyText([
        { role: 'user', content: 'Hello from remote agent!' },
        { role: 'assistant', content: 'Hello! How can I help you today?' },
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Nice to meet you, Ada!' },
        { role: 'user', content: question },
      ]),
    ).toBe('Your name is Ada.');
    expect(await replyText([{ role: 'user', content: question }])).toBe(
      "I don't know your name yet. What is it?",
    );
    expect(
      await replyText([
        { role: 'assistant', content: 'Nice to meet you, Ada!' },
        { role: 'user', content: question },
      ]),
    ).toBe("I don't know your name yet. What is it?");
  });

  it('quotes the first user message of the conversation, or says there was none before', async () => {
    const question = 'What did I ask you first?';
    expect(
      await replyText([
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Hello from remote agent!' },
        { role: 'assistant', content: 'Hello! How can I help you today?' },
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Nice to meet you, Ada!' },
        { role: 'user', content: question },
      ]),
    ).toBe('You first asked: "Hello from remote agent!"');
    expect(await replyText([{ role: 'user', content: question }])).toBe(
      'This is the first thing you asked me.',
    );
    expect(
      await replyText([
        { role: 'assistant', content: 'Hello! How can I help you today?' },
        { role: 'user', content: question },
      ]),
    ).toBe('This is the first thing you asked me.');
  });

  it('replies with exactly the requested number of filler tokens', async () => {
    expect(countTokens(await replyText([{ role: 'user', content: 'Reply with 137 tokens.' }]))).toBe(137);
  });

  it('echoes any other prompt deterministically', async () => {
    expect(await replyText([{ role: 'user', content: '  Tell me about   Temporal. ' }])).toBe(
      'You said: "Tell me about Temporal.". This is the offline demo model; set OPENAI_BASE_URL to use a real one.',
    );
  });
});
