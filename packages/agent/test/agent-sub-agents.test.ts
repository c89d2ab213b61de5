import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import type { AgentRunOutput } from '../src/common/types';
import { answerText, reduceRunEvents } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { defineAgentTool } from '../src/tools/define-agent-tool';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, readUntil } from './support/collect-events';
import { callTool, say, scriptedModel } from './support/scripted-model';
import { connectClient } from './support/temporal-connection';

const researcher = defineAgentTool({
  name: 'researcher',
  description: 'Finds facts.',
  instructions: 'You are a researcher.',
});

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function childOutput(workflowId: string): Promise<{ status: string; output: AgentRunOutput }> {
  const { client, connection } = await connectClient();
  try {
    const handle = client.workflow.getHandle(workflowId);
    const status = (await handle.describe()).status.name;
    return { status, output: (await handle.result()) as AgentRunOutput };
  } finally {
    await connection.close();
  }
}

describe('AgentRun with sub-agents', () => {
  it('runs a sub-agent as a child workflow under the parent id and answers with its result once', async () => {
    fixture = await createAgentFixture({ worker: { agents: [researcher] } });
    const run = await fixture.agent.stream('Research Temporal.');
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text.match(/Three facts about Temporal:/g)).toHaveLength(1);
    expect(result.text).toContain('The researcher reports:');
    const [child] = result.subAgents ?? [];
    expect(child?.workflowId).toBe(`${run.id}/researcher/1`);
    expect(child?.status).toBe('completed');
    expect(child?.attempts).toBe(1);

    const childRun = await childOutput(`${run.id}/researcher/1`);
    expect(childRun.status).toBe('COMPLETED');
    expect(childRun.output.result.text).toBe(child?.text);
    // Usage rolls up: the parent's own attempts plus the child's.
    const own = result.usageByAttempt.reduce((sum, each) => sum + each.totalTokens, 0);
    expect(own).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe(own + childRun.output.result.usage.totalTokens);

    // The parent's stream frames the child with AG-UI step events and carries its text.
    const step = events.find((event) => event.type === 'STEP_STARTED');
    expect(step).toMatchObject({
      stepName: 'sub-agent:researcher',
      childRunId: `${run.runId}.researcher.1`,
      childWorkflowId: `${run.id}/researcher/1`,
    });
    const finished = events.map(asControlEvent).find((control) => control?.name === 'sub-agent-finished');
    expect(finished?.name === 'sub-agent-finished' && finished.value.text).toBe(child?.text);
    const view = reduceRunEvents(events);
    expect(answerText(view)).toBe(result.text);
    expect(view.subAgents?.map((each) => [each.agentName, each.status])).toEqual([
      ['researcher', 'completed'],
    ]);
    expect(view.usage.totalTokens).toBe(result.usage.totalTokens);
    expect(view.milestones.map((each) => each.kind)).toContain('sub-agent-finished');
  });

  it('passes a call of a sub-agent that does not exist back to the model as a tool error', async () => {
    const model = scriptedModel('demo', [
      callTool('call-1', 'writer', { task: 'write a poem' }),
      say('There is no writer.'),
    ]);
    fixture = await createAgentFixture({ worker: { agents: [researcher], model } });
    const result = await fixture.agent.run('Ask the writer.');
    expect(result.status).toBe('completed');
    const toolMessage = result.messages.find((message) => message.role === 'tool');
    expect(toolMessage?.content).toContain('unknown tool or sub-agent \\"writer\\"');
    expect(toolMessage?.content).toContain('researcher');
    expect(result.subAgents).toBeUndefined();
  });

  it("surfaces a sub-agent's approval through the parent and passes the answer down to it", async () => {
    const accountant = defineAgentTool({
      name: 'accountant',
      description: 'Does sums.',
      instructions: 'You count.',
      tools: ['calculator'],
    });
    fixture = await createAgentFixture({
      worker: { agents: [accountant], tools: [calculator] },
      agent: { approvalPolicy: 'require-all' },
    });
    const run = await fixture.agent.stream('call tool accountant with {"task": "What is 12 * 7?"}');
    const events = run.events();
    const seen: AgentEvent[] = [];
    const request = await readUntil(
      events,
      seen,
      (event) => asControlEvent(event)?.name === 'approval-request',
    );
    const control = asControlEvent(request);
    expect(control?.name === 'approval-request' && control.value.toolName).toBe('accountant: calculator');
    expect((await run.pendingApprovals()).map((each) => each.toolName)).toEqual(['accountant: calculator']);

    await run.approve(control?.name === 'approval-request' ? control.value.toolCallId : '', {
      approved: true,
    });
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.subAgents?.[0]?.text).toBe('The result is 84.');
    expect(result.text).toContain('84');
  });

  it('refuses delegation deeper than three levels with a clear error', async () => {
    const delegator = defineAgentTool({
      name: 'delegator',
      description: 'Delegates again.',
      instructions: 'Delegate.',
      tools: ['delegator'],
    });
    fixture = await createAgentFixture({ worker: { agents: [delegator] } });
    let prompt = 'Hello';
    for (let level = 0; level < 4; level++)
      prompt = `call tool delegator with ${JSON.stringify({ task: prompt })}`;
    const run = await fixture.agent.stream(prompt);
    const result = await run.result();
    expect(result.status).toBe('completed');

    const deepest = await childOutput(`${run.id}/delegator/1/delegator/1/delegator/1`);
    const refusal = deepest.output.result.messages.find((message) => message.role === 'tool');
    expect(refusal?.content).toContain('delegation deeper than 3 levels is refused');
  });
});
