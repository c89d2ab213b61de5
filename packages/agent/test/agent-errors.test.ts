import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { AgentError } from '../src/common/errors';
import { openAICompatible } from '../src/llm/openai-compatible';
import { AgentWorker } from '../src/worker/agent-worker';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { freePort } from './support/free-port';
import { temporalAddress } from './support/temporal-connection';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('bad input', () => {
  it('names the address within seconds when Temporal is unreachable, for the client and the worker', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const startedAt = Date.now();
    const error = await Agent.create({ name: 'assistant', temporal: { address } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).code).toBe('temporal-unreachable');
    expect((error as AgentError).message).toContain(address);
    const workerError = await AgentWorker.create({
      name: 'assistant',
      temporal: { address },
      model: openAICompatible({ baseURL: 'http://127.0.0.1:9/v1', model: 'demo' }),
    }).catch((caught: unknown) => caught);
    expect((workerError as AgentError).code).toBe('temporal-unreachable');
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  });

  it('says so when the namespace does not exist', async () => {
    const error = await Agent.create({
      name: 'assistant',
      temporal: { address: temporalAddress(), namespace: 'no-such-namespace' },
    }).catch((caught: unknown) => caught);
    expect((error as AgentError).code).toBe('namespace-not-found');
    expect((error as AgentError).message).toContain('"no-such-namespace"');
  });

  it('lists every invalid option field', async () => {
    const error = await Agent.create({
      name: 'has space',
      mode: 'sometimes' as never,
      timeout: 'soon',
      temporal: { address: temporalAddress() },
    }).catch((caught: unknown) => caught);
    expect((error as AgentError).code).toBe('invalid-options');
    for (const field of ['name', 'mode', 'timeout'])
      expect((error as AgentError).message).toContain(`${field}:`);
  });

  it('refuses an empty prompt and accepts a 1 MB one', async () => {
    fixture = await createAgentFixture();
    await expect(fixture.agent.stream('   ')).rejects.toThrow('the prompt is empty');
    const result = await fixture.agent.run(`Summarize: ${'lorem ipsum '.repeat(90_000)}`);
    expect(result.status).toBe('completed');
    await expect(fixture.agent.stream('x'.repeat(2_200_000))).rejects.toThrow(/the limit is 1.99 MiB/);
  });

  for (const status of [401, 400] as const) {
    it(`fails without retrying when the model answers ${status}, showing the model's message`, async () => {
      fixture = await createAgentFixture();
      fixture.model.injectFault({ kind: 'status', status });
      const run = await fixture.agent.stream('Hello!');
      const events = await collectEvents(run.events());
      const result = await run.result();
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain(`HTTP ${status}`);
      if (status === 401) expect(result.error?.message).toContain('Incorrect API key provided');
      const last = events.at(-1);
      expect(last?.type === 'RUN_ERROR' && last.message).toBe(result.error?.message);
      expect(fixture.model.requestCount).toBe(1);
    });
  }

  it('retries rate limits, server errors and broken streams with backoff, and counts the failed attempts', async () => {
    fixture = await createAgentFixture({ pace: 200 });
    fixture.model.injectFault({ kind: 'status', status: 429 });
    fixture.model.injectFault({ kind: 'status', status: 500 });
    fixture.model.injectFault({ kind: 'disconnect', afterTokens: 5 });
    const result = await fixture.agent.run(
      'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
    );
    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(4);
    expect(result.usageByAttempt.filter((entry) => entry.outcome === 'failed')).toHaveLength(3);
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
  });
});
