import { describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { readUntil, untilAnswerContains } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

describe('wall-time budget', () => {
  it('ends a long model call at the limit, not after it: budget-exhausted, the partial text kept', async () => {
    // At 20 tokens a second the plan takes well over 10 s; the budget allows 3 s.
    const fixture = await createFixture({ pace: 20 });
    const startedAt = Date.now();
    const result = await fixture.agent.run(TRAVEL_PLAN, { budget: { maxWallTime: '3s' } });
    const tookMs = Date.now() - startedAt;

    expect(result.status).toBe('budget-exhausted');
    expect(result.budget).toMatchObject({ limit: 'wall-time', scope: 'run', value: 3000 });
    expect(result.budget!.spent).toBeGreaterThanOrEqual(3000);
    expect(result.budget!.message).toMatch(/^Budget of 3 s reached \(spent \d/);
    expect(result.text).toContain('Day 1');
    expect(result.text).not.toContain('Day 7');
    expect(tookMs).toBeLessThan(9000);
  });

  it('ends at the limit through kill -9 of the worker and of the client mid-call', async () => {
    const fixture = await createFixture({ pace: 20, worker: false, agent: { heartbeatTimeout: '2s' } });
    const worker = await startWorkerProcess();
    const first = await fixture.createAgent();
    const run = await first.stream(TRAVEL_PLAN, { budget: { maxWallTime: '6s' } });
    await readUntil(run.events(), [], untilAnswerContains('Day 1'));
    await worker.kill();
    await first.close();

    await startWorkerProcess();
    const other = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { address: temporalAddress() },
    });
    try {
      const result = await (await other.attach(run.id)).result();
      expect(result.status).toBe('budget-exhausted');
      expect(result.budget).toMatchObject({ limit: 'wall-time', value: 6000 });
      expect(result.text).not.toContain('Day 7');
    } finally {
      await other.close();
    }
  }, 90_000);
});
