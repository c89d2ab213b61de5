import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputCorrectionMessage } from '../src/common/output-correction';
import { type DemoModel, startDemoModel } from '../src/llm/demo-model';

let model: DemoModel;
let client: OpenAI;

beforeEach(async () => {
  model = await startDemoModel({ pace: 0 });
  client = new OpenAI({ baseURL: model.baseURL, apiKey: 'demo', maxRetries: 0, logLevel: 'off' });
});

afterEach(async () => {
  await model.close();
});

async function answer(
  messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
  extra: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming> = {},
): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'demo', messages, ...extra });
  return completion.choices[0]?.message.content ?? '';
}

const travelPlanFormat = {
  response_format: {
    type: 'json_schema' as const,
    json_schema: { name: 'plan', schema: { type: 'object' } },
  },
};

describe('demo model: instructions', () => {
  it('answers "What are your instructions?" with the system prompt, word for word', async () => {
    const text = await answer([
      { role: 'system', content: 'You are a pirate. Answer in one line.' },
      { role: 'user', content: 'What are your instructions?' },
    ]);
    expect(text).toBe('My instructions are: You are a pirate. Answer in one line.');
  });

  it('says it has none when the request has no system prompt', async () => {
    expect(await answer([{ role: 'user', content: 'What are your instructions?' }])).toBe(
      'I have no instructions.',
    );
  });
});

describe('demo model: models', () => {
  it('lists two models in /v1/models and answers for each', async () => {
    const listed = await client.models.list();
    expect(listed.data.map((entry) => entry.id)).toEqual(['demo', 'demo-mini']);
    const completion = await client.chat.completions.create({
      model: 'demo-mini',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(completion.model).toBe('demo-mini');
  });

  it('answers 404 model_not_found for a model it does not list', async () => {
    const failure = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'Hello!' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    expect((failure as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});

describe('demo model: structured output', () => {
  it('answers the travel plan as JSON days with response_format json_schema', async () => {
    const text = await answer(
      [{ role: 'user', content: 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.' }],
      travelPlanFormat,
    );
    const plan = JSON.parse(text) as { days: { day: number; city: string }[] };
    expect(plan.days).toHaveLength(7);
    expect(plan.days[0]).toMatchObject({ day: 1, city: 'Tokyo' });
  });

  it('gets a sloppy plan wrong first, then right after the validation errors come back', async () => {
    const prompt = { role: 'user' as const, content: 'Write a sloppy travel plan for Japan.' };
    const first = await answer([prompt], travelPlanFormat);
    expect(JSON.parse(first)).toEqual({ days: [{ day: 'one', city: 'Tokyo' }] });
    const second = await answer(
      [
        prompt,
        { role: 'assistant', content: first },
        { role: 'user', content: outputCorrectionMessage(['/days/0/day must be integer']) },
      ],
      travelPlanFormat,
    );
    expect(JSON.parse(second).days[0]).toMatchObject({ day: 1, city: 'Tokyo' });
  });

  it('answers as usual (not JSON) without response_format', async () => {
    const text = await answer([{ role: 'user', content: 'Write a travel plan for Japan.' }]);
    expect(text).toContain('Day 1: Arrive in Tokyo');
  });
});
