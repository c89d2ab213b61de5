import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { answerText } from '../src/runs/run-view';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { loseFirstReply } from './support/lose-first-reply';
import { connectClient, temporalAddress } from './support/temporal-connection';
import { useCleanups } from './support/use-cleanups';

const PROMPT = 'Hello from remote agent!';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
const defer = useCleanups();

/** How many workflow executions Temporal has with this workflow id (running or closed). */
async function executionsOf(workflowId: string): Promise<number> {
  const { client, connection } = await connectClient();
  try {
    // Visibility is written just after the start: wait until the execution is listed, then count.
    for (;;) {
      const listed = [];
      for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
        listed.push(execution);
      if (listed.length > 0) return listed.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await connection.close();
  }
}

describe('Agent.stream with a run id that already exists', () => {
  it('attaches to the running execution instead of starting a second one', async () => {
    fixture = await createAgentFixture({ pace: 200 });
    const runId = randomUUID();
    const conversationId = randomUUID();

    const [first, second] = await Promise.all([
      fixture.agent.stream(PROMPT, { conversationId, runId }),
      fixture.agent.stream(PROMPT, { conversationId, runId }),
    ]);
    const [firstResult, secondResult] = await Promise.all([first.result(), second.result()]);

    expect(second.id).toBe(first.id);
    expect(firstResult.status).toBe('completed');
    expect(secondResult).toEqual(firstResult);
    expect(await executionsOf(first.id)).toBe(1);
    expect(fixture.model.requestCount).toBe(1);
  });

  it('attaches to the closed execution instead of running the prompt again', async () => {
    fixture = await createAgentFixture();
    const runId = randomUUID();
    const conversationId = randomUUID();
    const first = await fixture.agent.stream(PROMPT, { conversationId, runId });
    const firstResult = await first.result();

    const again = await fixture.agent.stream(PROMPT, { conversationId, runId });

    expect(again.id).toBe(first.id);
    expect(await again.result()).toEqual(firstResult);
    expect(await executionsOf(first.id)).toBe(1);
    expect(fixture.model.requestCount).toBe(1);
  });
});

describe('Agent.submit with a run id that already exists', () => {
  it('follows the one execution from both submissions, running or closed', async () => {
    fixture = await createAgentFixture({ pace: 200 });
    const options = { conversationId: randomUUID(), runId: randomUUID() };
    const journals = [new InMemoryRunJournal(), new InMemoryRunJournal(), new InMemoryRunJournal()];

    const [first, second] = await Promise.all([
      fixture.agent.submit(PROMPT, { ...options, journal: journals[0]! }),
      fixture.agent.submit(PROMPT, { ...options, journal: journals[1]! }),
    ]);
    const [firstEnding, secondEnding] = await Promise.all([first.done, second.done]);
    const late = await fixture.agent.submit(PROMPT, { ...options, journal: journals[2]! });
    const lateEnding = await late.done;

    expect(firstEnding?.result.status).toBe('completed');
    for (const ending of [secondEnding, lateEnding]) expect(ending?.result).toEqual(firstEnding?.result);
    for (const ending of [firstEnding, secondEnding, lateEnding])
      expect(answerText(ending!.view)).toBe(firstEnding?.result.text);
    for (const journal of journals) expect(journal.get(first.id)?.finishes).toBe(1);
    expect(await executionsOf(first.id)).toBe(1);
    expect(fixture.model.requestCount).toBe(1);
  });
});

describe('Agent.submit when the reply to the start is lost', () => {
  it('settles the start by asking Temporal again and follows the one execution to its result', async () => {
    fixture = await createAgentFixture({ pace: 200 });
    const lose = loseFirstReply('StartWorkflowExecution');
    const connection = await Connection.connect({ address: temporalAddress(), interceptors: [lose] });
    defer(() => connection.close());
    const agent = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { connection },
    });
    defer(() => agent.close());
    const journal = new InMemoryRunJournal();

    const followed = await agent.submit(PROMPT, { journal });
    const ending = await followed.done;

    expect(lose.lost()).toBe(true);
    expect(ending?.result.status).toBe('completed');
    expect(ending?.result.text).toMatch(/hello/i);
    expect(answerText(ending!.view)).toBe(ending?.result.text);
    expect(journal.get(followed.id)?.finishes).toBe(1);
    expect(await executionsOf(followed.id)).toBe(1);
    expect(fixture.model.requestCount).toBe(1);
  });
});
