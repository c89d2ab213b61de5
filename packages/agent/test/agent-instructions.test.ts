import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { historyEvents, payloadValue } from './support/workflow-history';

const QUESTION = 'What are your instructions?';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The inputs of the model calls a run's history scheduled, in order. */
async function modelCallInputs(workflowId: string): Promise<{ config: { instructions?: string } }[]> {
  const events = await historyEvents(workflowId);
  return events.flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'invokeModelStreaming') return [];
    return [payloadValue(scheduled.input?.payloads?.[0]) as { config: { instructions?: string } }];
  });
}

describe('Agent instructions', () => {
  it('sends the agent instructions as the system prompt, readable back from the model call in history', async () => {
    fixture = await createAgentFixture({ worker: { instructions: undefined } });
    const agent = await fixture.createAgent({ instructions: 'You are a terse travel agent.' });
    const run = await agent.stream(QUESTION);
    const result = await run.result();

    expect(result.text).toBe('My instructions are: You are a terse travel agent.');
    const inputs = await modelCallInputs(run.id);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]?.config.instructions).toBe('You are a terse travel agent.');
  });

  it('lets a run override the agent instructions', async () => {
    fixture = await createAgentFixture({ worker: { instructions: undefined } });
    const agent = await fixture.createAgent({ instructions: 'You are a terse travel agent.' });
    const result = await agent.run(QUESTION, { instructions: 'Answer in French.' });
    expect(result.text).toBe('My instructions are: Answer in French.');
  });

  it('has no instructions when neither the agent, the run nor the worker gives any', async () => {
    fixture = await createAgentFixture({ worker: { instructions: undefined } });
    const result = await fixture.agent.run(QUESTION);
    expect(result.text).toBe('I have no instructions.');
  });

  it('falls back to the worker instructions when the run carries none', async () => {
    fixture = await createAgentFixture();
    const result = await fixture.agent.run(QUESTION);
    expect(result.text).toBe('My instructions are: You are a helpful assistant.');
  });
});
