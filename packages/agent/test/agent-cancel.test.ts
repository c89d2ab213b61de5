import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW as EMPTY } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, readUntil } from './support/collect-events';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('AgentRun.cancel', () => {
  it('aborts the model call, keeps the partial text and ends the run as cancelled', async () => {
    fixture = await createAgentFixture({ pace: 40 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    const seen: AgentEvent[] = [];
    let transcript = EMPTY;
    await readUntil(events, seen, (event) => {
      transcript = applyRunEvent(transcript, event);
      return answerText(transcript).includes('Day 1');
    });
    await run.cancel();
    for await (const event of events) seen.push(event);
    const result = await run.result();

    expect(result.status).toBe('cancelled');
    expect(result.text).toContain('Day 1: Arrive in Tokyo');
    expect(result.text).not.toContain('Day 7');
    expect(result.usageByAttempt.at(-1)?.outcome).toBe('cancelled');
    expect(seen.at(-1)?.type).toBe('RUN_FINISHED');
    expect(fixture.model.requestCount).toBe(1);
  });

  it('does nothing, without an error, to a run that has already finished', async () => {
    fixture = await createAgentFixture();
    const run = await fixture.agent.stream('Hello!');
    const before = await run.result();
    await expect(run.cancel()).resolves.toBeUndefined();
    const attached = await fixture.agent.attach(run.id);
    await expect(attached.cancel()).resolves.toBeUndefined();
    expect(await attached.result()).toEqual(before);
    expect(before.status).toBe('completed');
  });

  it('changes nothing when a reader simply stops reading', async () => {
    fixture = await createAgentFixture({ pace: 400 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    await readUntil(events, [], (event) => event.type === 'TEXT_MESSAGE_CONTENT');
    await events.return(undefined);
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.text).toContain('Day 7');
  });

  it('skips a pending approval when the run is stopped while waiting for it', async () => {
    fixture = await createAgentFixture({ tools: [calculator], agent: { approvalPolicy: 'require-all' } });
    const run = await fixture.agent.stream('What is 6 * 7?');
    const events = run.events();
    await readUntil(events, [], (event) => event.type === 'CUSTOM' && event.name === 'approval-request');
    await run.cancel();
    const rest = await collectEvents(events);
    const result = await run.result();
    expect(result.status).toBe('cancelled');
    expect(rest.some((event) => event.type === 'CUSTOM' && event.name === 'approval-resolved')).toBe(true);
  });
});
