import { afterEach, describe, expect, it } from 'vitest';
import { endpointModelName, modelEndpoints } from '../src/llm/model-endpoints';
import { openAICompatible } from '../src/llm/openai-compatible';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A worker whose main model is the demo model and whose endpoint `second` is the demo model too. */
async function endpointsFixture(): Promise<AgentFixture> {
  const created = await createAgentFixture({ pace: 0, worker: false });
  const endpoint = (model: string) =>
    openAICompatible({ baseURL: created.model.baseURL, model, anyModel: true });
  await created.startWorker({ model: modelEndpoints(endpoint('demo'), { second: endpoint('demo') }) });
  return created;
}

describe('modelEndpoints', () => {
  it('asks the named endpoint for the model a run names as @<endpoint>/<model>, and records that name', async () => {
    fixture = await endpointsFixture();
    const model = endpointModelName('second', 'demo-mini');
    const result = await fixture.agent.run('Hello!', { model });

    expect(model).toBe('@second/demo-mini');
    expect(result.status).toBe('completed');
    expect(result.text).toBe('Hello! How can I help you today?');
    expect(Object.keys(result.usageByModel ?? {})).toEqual(['@second/demo-mini']);
  });

  it('answers model-not-found at once for an endpoint the worker lacks, so the fallback answers', async () => {
    fixture = await endpointsFixture();
    const result = await fixture.agent.run('Hello!', {
      models: [endpointModelName('gone', 'demo'), endpointModelName('second', 'demo')],
    });

    expect(result.status).toBe('completed');
    expect(result.usageByAttempt.map(({ model, outcome }) => ({ model, outcome }))).toEqual([
      { model: '@gone/demo', outcome: 'failed' },
      { model: '@second/demo', outcome: 'completed' },
    ]);
  });

  it('asks the main endpoint for any other model name', async () => {
    fixture = await endpointsFixture();
    const result = await fixture.agent.run('Hello!', { model: 'demo-mini' });
    expect(result.status).toBe('completed');
    expect(Object.keys(result.usageByModel ?? {})).toEqual(['demo-mini']);
  });
});
