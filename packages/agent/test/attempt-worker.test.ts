import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { reduceRunEvents } from '../src/runs/apply-run-event';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("an attempt's worker", () => {
  it('is named by the attempt’s first event and on its milestone, with or without live text', async () => {
    fixture = await createAgentFixture({ worker: { identity: 'worker-a@test', liveText: false } });
    const run = await fixture.agent.stream('hello');
    await run.result();
    const events: AgentEvent[] = [];
    for await (const event of (await fixture.agent.attach(run.id)).events({ live: false }))
      events.push(event);
    const start = events.find((event) => event.type === 'TEXT_MESSAGE_START');
    expect(start?.worker).toBe('worker-a@test');
    expect(start?.liveText).toBeUndefined();
    const milestones = reduceRunEvents(events).milestones.filter((each) => each.kind === 'attempt-started');
    expect(milestones).toEqual([
      expect.objectContaining({ kind: 'attempt-started', attempt: 1, worker: 'worker-a@test' }),
    ]);
  });
});
