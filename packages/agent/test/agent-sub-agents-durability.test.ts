import { describe, expect, it } from 'vitest';
import { readRunEvents } from '../src/client/event-reader';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import type { AgentRunOutput } from '../src/common/types';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { type SubAgentMilestone, watchSubAgent } from '../src/runs/watch-sub-agent';
import { defineAgentTool } from '../src/tools/define-agent-tool';
import { collectEvents } from './support/collect-events';
import { connectClient } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

const PROMPT = 'Research Temporal.';
const researcher = defineAgentTool({
  name: 'researcher',
  description: 'Finds facts.',
  instructions: 'You are a researcher.',
});

const { createFixture, startWorkerProcess } = useWorkerProcesses();

/** Waits until the run's workflow `workflowId` has streamed some of its answer; resolves with its status. */
async function waitForText(workflowId: string, runId: string, threadId: string): Promise<void> {
  const { client, connection } = await connectClient();
  try {
    const handle = client.workflow.getHandle(workflowId);
    for (;;) {
      try {
        await handle.describe();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    for await (const event of readRunEvents(client, handle, { runId, threadId }, 0)) {
      if (event.type === 'TEXT_MESSAGE_CONTENT') return;
    }
    throw new Error(`${workflowId} ended before streaming text`);
  } finally {
    await connection.close();
  }
}

async function closedRun(workflowId: string): Promise<{ status: string; output: AgentRunOutput }> {
  const { client, connection } = await connectClient();
  try {
    const handle = client.workflow.getHandle(workflowId);
    const output = (await handle.result()) as AgentRunOutput;
    return { status: (await handle.describe()).status.name, output };
  } finally {
    await connection.close();
  }
}

function modelStarts(events: readonly AgentEvent[], messageId: string): number {
  return events.filter((event) => event.type === 'TEXT_MESSAGE_START' && event.messageId === messageId)
    .length;
}

describe('Sub-agent runs on a real worker', () => {
  it('retries only the child after kill -9 during its model call: the parent round 1 runs once', async () => {
    const fixture = await createFixture({ pace: 15, worker: false, agent: { heartbeatTimeout: '2s' } });
    process.env.AGENT_SUB_AGENTS = '1';
    const first = await startWorkerProcess();
    const run = await fixture.agent.stream(PROMPT);
    const childId = `${run.id}/researcher/1`;
    const childRunId = `${run.runId}.researcher.1`;
    await waitForText(childId, childRunId, run.conversationId);

    await first.kill();
    const second = await startWorkerProcess();
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    // The parent: round 1 (the delegation) ran once, on the first worker; no attempt of it was reset.
    expect(modelStarts(events, `${run.runId}-1`)).toBe(1);
    expect(events.some((event) => asControlEvent(event)?.name === 'attempt-reset')).toBe(false);
    expect(result.usageByAttempt.filter((each) => each.round === 1).map((each) => each.attempt)).toEqual([1]);
    expect(second.log).not.toContain(`workflow ${run.id} started invokeModelStreaming attempt=2`);
    // The child: its model call was retried on the second worker.
    const child = await closedRun(childId);
    expect(child.output.result.attempts).toBe(2);
    expect(child.output.result.usageByAttempt.map((each) => each.outcome)).toEqual(['failed', 'completed']);
    expect(second.log).toContain(`workflow ${childId} started invokeModelStreaming attempt=2`);
    expect(result.subAgents?.[0]?.attempts).toBe(2);
    // A follower of the parent reads which worker ran each of the child's attempts from the child's events.
    const seen: SubAgentMilestone[] = [];
    const start = { agentName: 'researcher', workflowId: childId, runId: childRunId };
    await watchSubAgent(run, start, (each) => seen.push(each));
    // Following the parent reads its sub-agents the same way, and its ending waits for them.
    const followed: SubAgentMilestone[] = [];
    const journal = new InMemoryRunJournal();
    const follower = fixture.agent.follow(await run.entry(await fixture.agent.identity()), journal, {
      onSubAgentMilestone: (each) => followed.push(each),
    });
    const ending = await follower.done;
    expect(ending.result.status).toBe('completed');
    expect(followed).toEqual(seen);
    const attempts = seen.flatMap(({ agents, milestone }) =>
      milestone.kind === 'attempt-started' || milestone.kind === 'attempt-reset'
        ? [
            {
              agents,
              kind: milestone.kind,
              attempt: milestone.attempt,
              worker: 'worker' in milestone ? milestone.worker : undefined,
            },
          ]
        : [],
    );
    expect(attempts).toEqual([
      {
        agents: ['researcher'],
        kind: 'attempt-started',
        attempt: 1,
        worker: expect.stringMatching(new RegExp(`:${first.pid}$`)),
      },
      { agents: ['researcher'], kind: 'attempt-reset', attempt: 2, worker: undefined },
      {
        agents: ['researcher'],
        kind: 'attempt-started',
        attempt: 2,
        worker: expect.stringMatching(new RegExp(`:${second.pid}$`)),
      },
    ]);
    // The answer holds the child's result once.
    expect(result.text.match(/Three facts about Temporal:/g)).toHaveLength(1);
    expect(result.usage.totalTokens).toBe(
      result.usageByAttempt.reduce((sum, each) => sum + each.totalTokens, 0) +
        child.output.result.usage.totalTokens,
    );
  });

  it('stops the child when the parent is stopped: both workflows close, the child as cancelled', async () => {
    const fixture = await createFixture({ pace: 10, worker: { agents: [researcher] } });
    const run = await fixture.agent.stream(PROMPT);
    const childId = `${run.id}/researcher/1`;
    await waitForText(childId, `${run.runId}.researcher.1`, run.conversationId);

    await run.cancel();
    const result = await run.result();

    expect(result.status).toBe('cancelled');
    const parent = await closedRun(run.id);
    const child = await closedRun(childId);
    expect(parent.status).toBe('COMPLETED');
    expect(child.status).toBe('COMPLETED');
    expect(child.output.result.status, JSON.stringify(child.output.result)).toBe('cancelled');
    expect(result.subAgents?.map((each) => each.status)).toEqual(['cancelled']);
    expect(result.rounds).toBe(1);
  });
});
