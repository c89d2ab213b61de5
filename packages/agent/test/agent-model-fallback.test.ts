import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { openAICompatible } from '../src/llm/openai-compatible';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW, reduceRunEvents } from '../src/runs';
import type { AgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

/** A fixture whose worker serves any model of the demo endpoint by name. */
async function anyModelFixture(pace = 0): Promise<AgentFixture> {
  const created = await createFixture({ pace, worker: false });
  await created.startWorker({
    model: openAICompatible({ baseURL: created.model.baseURL, model: 'demo', anyModel: true }),
  });
  return created;
}

function resetEvents(events: readonly AgentEvent[]) {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'attempt-reset' ? [control.value] : [];
  });
}

describe('model fallback', () => {
  it('moves to the next model at once when the first is not found (404), recording each attempt with its model', async () => {
    const fixture = await anyModelFixture();
    const run = await fixture.agent.stream('Hello!', { models: ['no-such-model', 'demo-mini'] });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text).toBe('Hello! How can I help you today?');
    expect(result.attempts).toBe(2);
    expect(result.usageByAttempt.map(({ model, outcome }) => ({ model, outcome }))).toEqual([
      { model: 'no-such-model', outcome: 'failed' },
      { model: 'demo-mini', outcome: 'completed' },
    ]);
    expect(Object.keys(result.usageByModel ?? {})).toEqual(['no-such-model', 'demo-mini']);
    expect(result.usageByModel?.['demo-mini']?.totalTokens).toBeGreaterThan(0);
    const [reset] = resetEvents(events);
    expect(reset?.model).toBe('demo-mini');
    expect(reset?.reason).toMatch(/^model "no-such-model" failed: .*HTTP 404.*— trying "demo-mini"$/);
    expect(answerText(reduceRunEvents(events))).toBe(result.text);
  });

  it('moves to the next model at once on a 401', async () => {
    const fixture = await anyModelFixture();
    fixture.model.injectFault({ kind: 'status', status: 401 });
    const result = await fixture.agent.run('Hello!', { models: ['demo', 'demo-mini'] });
    expect(result.status).toBe('completed');
    expect(result.usageByAttempt.map((entry) => entry.model)).toEqual(['demo', 'demo-mini']);
    expect(fixture.model.requestCount).toBe(2);
  });

  it('fails with the last model error when every model fails for good', async () => {
    const fixture = await anyModelFixture();
    const result = await fixture.agent.run('Hello!', { models: ['no-such-model', 'nor-this-one'] });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('ModelNotFoundError');
    expect(result.error?.message).toContain("The model 'nor-this-one' does not exist");
    expect(result.usageByAttempt.map((entry) => entry.model)).toEqual(['no-such-model', 'nor-this-one']);
  });

  it('takes the agent models when the run gives none', async () => {
    const fixture = await anyModelFixture();
    const agent = await fixture.createAgent({ models: ['no-such-model', 'demo'] });
    const result = await agent.run('Hello!');
    expect(result.status).toBe('completed');
    expect(result.usageByAttempt.map((entry) => entry.model)).toEqual(['no-such-model', 'demo']);
  });

  it('finishes on the fallback model after its worker is killed -9 mid-answer', async () => {
    process.env.AGENT_ANY_MODEL = '1';
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '2s' } });
    const first = await startWorkerProcess();
    const run = await fixture.agent.stream(TRAVEL_PLAN, { models: ['no-such-model', 'demo'] });
    const events = run.events();
    const seen: AgentEvent[] = [];
    let view = EMPTY_RUN_VIEW;
    for (;;) {
      const next = await events.next();
      if (next.done) throw new Error('the run ended before the fallback answered');
      seen.push(next.value);
      view = applyRunEvent(view, next.value);
      if (answerText(view).includes('Day 3')) break;
    }
    await first.kill();
    await startWorkerProcess();
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value);
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(result.text).toContain('Day 7');
    expect(result.attempts).toBe(3);
    expect(result.usageByAttempt.map(({ model, outcome }) => ({ model, outcome }))).toEqual([
      { model: 'no-such-model', outcome: 'failed' },
      { model: 'demo', outcome: 'failed' },
      { model: 'demo', outcome: 'completed' },
    ]);
    expect(resetEvents(seen).map((reset) => reset.attempt)).toEqual([2, 3]);
    expect(answerText(reduceRunEvents(seen))).toBe(result.text);
  });
});
