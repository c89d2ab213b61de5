import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW, reduceRunEvents } from '../src/runs';
import { defineAgentTool } from '../src/tools/define-agent-tool';
import { collectEvents } from './support/collect-events';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const SLOPPY_PLAN = 'Write a sloppy day-by-day travel plan for Japan.';

const TravelPlan = z.object({
  days: z.array(z.object({ day: z.number().int(), city: z.string(), plan: z.string() })).min(1),
});

/** The same shape as a JSON Schema, with a field the demo model never gives. */
const planWithBudget = {
  type: 'object',
  required: ['days', 'budget'],
  properties: { days: { type: 'array' }, budget: { type: 'number' } },
};

const researcher = defineAgentTool({
  name: 'researcher',
  description: 'Finds facts.',
  instructions: 'You are a researcher.',
});

const { createFixture, startWorkerProcess } = useWorkerProcesses();

function resetReasons(events: readonly AgentEvent[]): string[] {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'attempt-reset' ? [control.value.reason] : [];
  });
}

describe('structured output', () => {
  it('returns the answer parsed and typed by a zod schema in result.output', async () => {
    const fixture = await createFixture();
    const result = await fixture.agent.run(TRAVEL_PLAN, { output: TravelPlan });

    expect(result.status).toBe('completed');
    const days = result.output?.days ?? [];
    expect(days).toHaveLength(7);
    expect(days[0]).toMatchObject({ day: 1, city: 'Tokyo' });
    expect(JSON.parse(result.text)).toEqual(result.output);
    expect(result.attempts).toBe(1);
  });

  it('takes a JSON Schema too', async () => {
    const fixture = await createFixture();
    const result = await fixture.agent.run(TRAVEL_PLAN, {
      output: { type: 'object', required: ['days'], properties: { days: { type: 'array' } } },
    });
    expect(result.status).toBe('completed');
    expect((result.output as { days: unknown[] }).days).toHaveLength(7);
  });

  it('sends an answer that does not match back with the validation errors, and shows the corrected one once', async () => {
    const fixture = await createFixture();
    const run = await fixture.agent.stream(SLOPPY_PLAN, { output: TravelPlan });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(2);
    expect(resetReasons(events)).toEqual([
      "the answer did not match the output schema: /days/0 must have required property 'plan'; /days/0/day must be integer",
    ]);
    expect(answerText(reduceRunEvents(events))).toBe(result.text);
    expect(result.usageByAttempt.map((entry) => entry.outcome)).toEqual(['failed', 'completed']);
    expect(result.messages).toHaveLength(1);
    expect(fixture.model.requestCount).toBe(2);
  });

  it('fails with invalid-output after the allowed answers, naming the errors', async () => {
    const fixture = await createFixture({ agent: { maxOutputAttempts: 2 } });
    const result = await fixture.agent.run(TRAVEL_PLAN, { output: planWithBudget });

    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('invalid-output');
    expect(result.error?.message).toBe(
      "the answer did not match the output schema after 2 tries: (root) must have required property 'budget'",
    );
    expect(result.output).toBeUndefined();
    expect(fixture.model.requestCount).toBe(2);
  });

  it('lets a sub-agent answer its task in words: the output schema is the parent answer only', async () => {
    const fixture = await createFixture({ worker: { agents: [researcher] } });
    const result = await fixture.agent.run('Research Temporal.', { output: planWithBudget });

    const [child] = result.subAgents ?? [];
    expect(child?.status).toBe('completed');
    expect(child?.text).toMatch(/^Three facts about Temporal:/);
    expect(result.status).toBe('failed'); // the parent's own answer is words, not the plan JSON
    expect(result.error?.code).toBe('invalid-output');
  });

  it('finishes the corrected answer after its worker is killed -9 mid-answer', async () => {
    const fixture = await createFixture({ pace: 40, worker: false, agent: { heartbeatTimeout: '2s' } });
    const first = await startWorkerProcess();
    const run = await fixture.agent.stream(SLOPPY_PLAN, { output: TravelPlan });
    const events = run.events();
    const seen: AgentEvent[] = [];
    let view = EMPTY_RUN_VIEW;
    for (;;) {
      const next = await events.next();
      if (next.done) throw new Error('the run ended before the corrected answer streamed');
      seen.push(next.value);
      view = applyRunEvent(view, next.value);
      if (view.currentAttempt === 2 && answerText(view).includes('"city"')) break;
    }
    await first.kill();
    await startWorkerProcess();
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value);
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect((result.output as { days: unknown[] }).days).toHaveLength(7);
    expect(result.attempts).toBe(3);
    expect(resetReasons(seen)[0]).toContain('/days/0/day must be integer');
    expect(answerText(reduceRunEvents(seen))).toBe(result.text);
  });
});
