import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlanJson } from '../../src/llm/demo-model/travel-plan-json';
import { assertLibraryBuilt } from './support/cli-process';
import { scenarioRegistry } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

describe('durable-agent agent --system / --system-file', () => {
  it('gives the session runs the system prompt of --system, and none without it', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const withSystem = await scenario.startAgent(['--system', 'You are a pirate.']);
    expect(withUsagePlaceholder(await scenario.ask(withSystem, 'What are your instructions?'))).toEqual(
      answerBlock('My instructions are: You are a pirate.'),
    );
    const without = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(without, 'What are your instructions?'))).toEqual(
      answerBlock('I have no instructions.'),
    );
  });

  it('reads the system prompt from --system-file, and refuses both flags together', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const file = path.join(scenario.directory, 'system.txt');
    writeFileSync(file, 'Answer like a travel agent.');
    const agent = await scenario.startAgent(['--system-file', file]);
    expect(withUsagePlaceholder(await scenario.ask(agent, 'What are your instructions?'))).toEqual(
      answerBlock('My instructions are: Answer like a travel agent.'),
    );

    const both = scenario.spawn('agent both', ['agent', '--system', 'x', '--system-file', file]);
    expect((await both.waitForExit()).code).toBe(2);
    expect(both.output).toContain('Give --system or --system-file, not both.');
  });
});

describe('durable-agent agent --model / --fallback-model', () => {
  it('answers through the fallback when the model is not found, showing why and the usage by model', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--model', 'no-such-model', '--fallback-model', 'demo']);
    const block = await scenario.ask(agent, 'Hello!');

    expect(block[1]).toMatch(
      /^\[retry\] attempt 2 — model "no-such-model" failed: the model answered HTTP 404: The model 'no-such-model' does not exist or you do not have access to it\. — trying "demo"$/,
    );
    expect(block).toContain('Hello! How can I help you today?');
    expect(block).toContain('[complete]');
    expect(block.find((line) => line.startsWith('[usage] by model:'))).toMatch(
      /^\[usage\] by model: no-such-model=\d+ demo=\d+$/,
    );
  });

  it('asks the model of --model', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--model', 'demo-mini']);
    expect(withUsagePlaceholder(await scenario.ask(agent, 'Hello!'))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );
  });

  it('refuses --fallback-model without --model', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const agent = scenario.spawn('agent', ['agent', '--fallback-model', 'demo']);
    expect((await agent.waitForExit()).code).toBe(2);
    expect(agent.output).toContain('--fallback-model needs --model');
  });
});

describe('durable-agent agent --output-schema', () => {
  it('prints the structured output alone on stdout', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const schema = path.join(scenario.directory, 'plan.json');
    writeFileSync(
      schema,
      JSON.stringify({
        type: 'object',
        required: ['days'],
        properties: {
          days: {
            type: 'array',
            items: { type: 'object', required: ['day', 'city'], properties: { day: { type: 'integer' } } },
          },
        },
      }),
    );
    const agent = scenario.spawn('agent', ['agent', '--output-schema', schema, TRAVEL_PLAN]);
    const exit = await agent.waitForExit(60_000);

    expect(exit.code).toBe(0);
    expect(JSON.parse(agent.stdout)).toEqual(travelPlanJson);
    expect(agent.stdout).toBe(`${JSON.stringify(travelPlanJson, null, 2)}\n`);
    expect(agent.output).toContain('[complete]');
  });

  it('exits 1 with invalid-output, and nothing on stdout, when no answer matches', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const schema = path.join(scenario.directory, 'budget.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', required: ['budget'] }));
    const agent = scenario.spawn('agent', ['agent', '--output-schema', schema, TRAVEL_PLAN]);
    const exit = await agent.waitForExit(60_000);

    expect(exit.code).toBe(1);
    expect(agent.stdout).toBe('');
    expect(agent.output).toContain(
      "[error] the answer did not match the output schema after 3 tries: (root) must have required property 'budget'",
    );
  });
});
