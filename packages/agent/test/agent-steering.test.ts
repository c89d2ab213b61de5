import { describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import type { AgentEvent } from '../src/common/events';
import { reduceRunEvents } from '../src/runs';
import { collectEvents, readUntil, untilAnswerContains } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const STEER = 'Make it 3 days instead.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

describe('steering', () => {
  it('finishes the answer being written, then a round that reads the steer answers it', async () => {
    const fixture = await createFixture({ pace: 100 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, untilAnswerContains('Day 2'));
    const receipt = await run.steer(STEER);
    expect(receipt.steerId).toBe('steer-1');
    seen.push(...(await collectEvents(events)));
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.rounds).toBe(2);
    expect(result.text.startsWith('Here is a 3-day version: …')).toBe(true);
    expect(result.text).toContain('Day 3');
    expect(result.text).not.toContain('Day 4');
    // The conversation gets the whole plan, the steer, then the shorter plan.
    expect(result.messages.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant']);
    expect(result.messages[0]?.content).toContain('Day 7');
    expect(result.messages[1]?.content).toBe(STEER);

    const view = reduceRunEvents(seen);
    expect(view.steers?.map((steer) => steer.text)).toEqual([STEER]);
    expect(view.milestones.some((milestone) => milestone.kind === 'steer-received')).toBe(true);
    expect(view.messages).toHaveLength(2);
  });

  it('refuses a steer once the run has finished, saying why', async () => {
    const fixture = await createFixture();
    const run = await fixture.agent.stream('Hello');
    await run.result();
    await expect(run.steer(STEER)).rejects.toThrow(/takes no more messages/);
  });

  it('keeps a steer through kill -9 of the worker and of the client that sent it', async () => {
    const fixture = await createFixture({ pace: 40, worker: false, agent: { heartbeatTimeout: '2s' } });
    const worker = await startWorkerProcess();
    const sender = await fixture.createAgent({ identity: 'terminal one' });
    const run = await sender.stream(TRAVEL_PLAN);
    await readUntil(run.events(), [], untilAnswerContains('Day 2'));
    await run.steer(STEER);
    await worker.kill();
    await sender.close();

    await startWorkerProcess();
    const other = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { address: temporalAddress() },
    });
    try {
      const attached = await other.attach(run.id);
      const result = await attached.result();
      expect(result.status).toBe('completed');
      expect(result.text.startsWith('Here is a 3-day version: …')).toBe(true);
      expect(result.attempts).toBeGreaterThanOrEqual(3); // the plan's lost attempt, its retry, the steer's round
      const view = reduceRunEvents(await collectEvents(attached.events()));
      expect(view.steers).toMatchObject([{ text: STEER, from: 'terminal one' }]);
      const steerAt = view.milestones.findIndex((milestone) => milestone.kind === 'steer-received');
      const resetAt = view.milestones.findIndex((milestone) => milestone.kind === 'attempt-reset');
      expect(steerAt).toBeGreaterThanOrEqual(0);
      expect(resetAt).toBeGreaterThan(steerAt);
    } finally {
      await other.close();
    }
  });
});
