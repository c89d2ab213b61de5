import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NOTHING_RETURNED } from '../src/activities/call-tool';
import { asControlEvent } from '../src/common/events';
import { calculator } from '../src/tools/calculator';
import { currentTime } from '../src/tools/current-time';
import { defineTool } from '../src/tools/define-tool';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { callTool, say, scriptedModel } from './support/scripted-model';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('tools', () => {
  it('runs the calculator for the model and streams the call and its result as AG-UI events', async () => {
    fixture = await createAgentFixture({ tools: [calculator, currentTime] });
    const run = await fixture.agent.stream('What is 12 * 7?');
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.rounds).toBe(2);
    expect(result.text).toBe('The result is 84.');
    const types = events.map((event) => event.type);
    for (const type of ['TOOL_CALL_START', 'TOOL_CALL_ARGS', 'TOOL_CALL_END', 'TOOL_CALL_RESULT'])
      expect(types).toContain(type);
    const toolResult = events.find((event) => event.type === 'TOOL_CALL_RESULT');
    expect(toolResult?.type === 'TOOL_CALL_RESULT' && JSON.parse(toolResult.content as string)).toMatchObject(
      { result: 84 },
    );
    expect(result.messages.map((message) => message.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(result.usageByAttempt).toHaveLength(2);
  });

  it('gives tool errors and unknown tool names back to the model as tool results without failing the run', async () => {
    const failing = defineTool({
      name: 'flaky',
      description: 'always fails',
      parameters: z.object({}),
      execute: () => {
        throw new Error('the flaky service is down');
      },
    });
    const model = scriptedModel('scripted', [
      callTool('call-1', 'teleport', { to: 'Mars' }),
      callTool('call-2', 'flaky', {}),
      callTool('call-3', 'calculator', { expression: 'two plus' }),
      say('I could not do that.'),
    ]);
    fixture = await createAgentFixture({ tools: [failing, calculator], worker: { model } });
    const result = await fixture.agent.run('Do impossible things');

    expect(result.status).toBe('completed');
    expect(result.text).toBe('I could not do that.');
    const toolMessages = result.messages
      .filter((message) => message.role === 'tool')
      .map((message) => (JSON.parse(message.content) as { error: string }).error);
    expect(toolMessages[0]).toContain('unknown tool "teleport"');
    expect(toolMessages[1]).toContain('the flaky service is down');
    expect(toolMessages[2]).toContain('unexpected');
    expect(model.calls).toHaveLength(4);
  });

  it('gives the model a defined message for a tool that returns nothing, so the next model call is valid', async () => {
    const notify = defineTool({
      name: 'notify',
      description: 'Notify someone; returns nothing',
      parameters: z.object({ who: z.string() }),
      execute: () => undefined,
    });
    fixture = await createAgentFixture({ tools: [notify] });
    const run = await fixture.agent.stream('call tool notify with {"who":"Ada"}');
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(NOTHING_RETURNED);
    expect(result.text).toBe(`The notify tool returned: ${NOTHING_RETURNED}`);
    const toolResult = events.find((event) => event.type === 'TOOL_CALL_RESULT');
    expect(toolResult?.type === 'TOOL_CALL_RESULT' && toolResult.content).toBe(NOTHING_RETURNED);
  });

  it('gives arguments that are not JSON back to the model as a tool error, and the run goes on', async () => {
    const model = scriptedModel('scripted', [
      [
        { type: 'tool-call-start', index: 0, id: 'call-1', name: 'calculator' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{expression: 2 +' },
      ],
      say('Sorry, my arguments were broken.'),
    ]);
    fixture = await createAgentFixture({ tools: [calculator], worker: { model } });
    const result = await fixture.agent.run('What is 2 + 2?');

    expect(result.status).toBe('completed');
    expect(result.text).toBe('Sorry, my arguments were broken.');
    const toolMessage = result.messages.find((message) => message.role === 'tool');
    expect(JSON.parse(toolMessage!.content)).toEqual({
      error: 'the arguments of calculator are not valid JSON: {expression: 2 +',
    });
    expect(model.calls[1]?.messages.at(-1)).toMatchObject({ role: 'tool', toolCallId: 'call-1' });
  });

  it('fails at once, naming it, when the run asks for a tool the worker does not have', async () => {
    fixture = await createAgentFixture({ tools: [calculator] });
    const run = await fixture.agent.stream('Hello!', { tools: ['calculator', 'weather'] });
    const events = await collectEvents(run.events());
    const result = await run.result();
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('no tool "weather"');
    expect(result.attempts).toBe(0);
    expect(events.at(-1)?.type).toBe('RUN_ERROR');
    expect(fixture.model.requestCount).toBe(0);
  });

  it('fails at once, naming it, when the run asks for a model the worker does not have', async () => {
    fixture = await createAgentFixture();
    const result = await fixture.agent.run('Hello!', { model: 'gpt-9' });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe('the worker of agent "assistant" has no model "gpt-9" (it has: demo)');
  });

  it('reports usage per attempt in usage events', async () => {
    fixture = await createAgentFixture({ tools: [calculator] });
    const run = await fixture.agent.stream('What is 2 + 3?');
    const usage = (await collectEvents(run.events()))
      .map(asControlEvent)
      .filter((event) => event?.name === 'usage');
    expect(usage).toHaveLength(2);
    const result = await run.result();
    expect(result.usage.totalTokens).toBeGreaterThan(0);
  });

  it('stops a model that keeps calling tools after maxIterations rounds, with a clear error', async () => {
    const model = scriptedModel('scripted', [
      callTool('call-1', 'calculator', { expression: '1 + 1' }),
      callTool('call-2', 'calculator', { expression: '2 + 2' }),
    ]);
    fixture = await createAgentFixture({
      tools: [calculator],
      worker: { model },
      agent: { maxIterations: 2 },
    });
    const result = await fixture.agent.run('Count forever');
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe('the run stopped after 2 model rounds (maxIterations)');
    expect(model.calls).toHaveLength(2);
  });
});
