import { describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { reduceRunEvents } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { collectEvents, readUntil } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

const ARITHMETIC = 'What is 12 * 7?';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

const isBudgetQuestion = (event: AgentEvent) => {
  const control = asControlEvent(event);
  return control?.name === 'approval-request' && control.value.toolName === 'budget';
};

describe('budgets', () => {
  it('ends a run that reaches its token limit as budget-exhausted, naming the limit and what was spent', async () => {
    const fixture = await createFixture({ tools: [calculator] });
    const run = await fixture.agent.stream(ARITHMETIC, { budget: { maxTokens: 5 } });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('budget-exhausted');
    expect(result.error).toBeUndefined();
    expect(result.budget).toMatchObject({ limit: 'tokens', scope: 'run', value: 5 });
    expect(result.budget!.spent).toBe(result.usage.totalTokens);
    expect(result.budget!.message).toBe(
      `Budget of 5 tokens reached (spent ${result.budget!.spent.toLocaleString('en-US')} tokens)`,
    );
    // The model asked for the calculator after its first round; the run ended before a second round.
    expect(result.rounds).toBe(1);
    const view = reduceRunEvents(events);
    expect(view.phase).toBe('budget-exhausted');
    expect(view.budget?.reached).toMatchObject({ limit: 'tokens', action: 'stop' });
    expect(view.budget?.spend.tokens).toBe(result.usage.totalTokens);
    expect(view.milestones.map((milestone) => milestone.kind)).toContain('budget-reached');
  });

  it('stops before a tool call beyond the tool-call limit, answering the skipped call for the model', async () => {
    const fixture = await createFixture({ tools: [calculator] });
    const result = await fixture.agent.run(ARITHMETIC, { budget: { maxToolCalls: 0 } });
    expect(result.status).toBe('budget-exhausted');
    expect(result.budget).toMatchObject({ limit: 'tool-calls', value: 0, spent: 0 });
    const toolMessage = result.messages.find((message) => message.role === 'tool');
    expect(toolMessage?.content).toBe(
      'The tool call was skipped: Budget of 0 tool calls reached (spent 0 tool calls)',
    );
  });

  it('prices tokens with the price table to enforce a cost limit', async () => {
    const fixture = await createFixture({
      tools: [calculator],
      agent: { prices: { demo: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } } },
    });
    const result = await fixture.agent.run(ARITHMETIC, { budget: { maxCostUsd: 1 } });
    expect(result.status).toBe('budget-exhausted');
    expect(result.budget?.limit).toBe('cost');
    // Every token costs $1 at this price.
    expect(result.spend?.costUsd).toBeCloseTo(result.usage.totalTokens, 6);
  });

  it('counts a conversation limit with what its earlier runs spent', async () => {
    const fixture = await createFixture({ tools: [calculator] });
    const spentBefore = { tokens: 990, costUsd: 0, wallTimeMs: 0, toolCalls: 0, subAgentRuns: 0 };
    const result = await fixture.agent.run(ARITHMETIC, {
      budget: { conversation: { maxTokens: 1000 }, spentBefore },
    });
    expect(result.status).toBe('budget-exhausted');
    expect(result.budget).toMatchObject({ limit: 'tokens', scope: 'conversation', value: 1000 });
    expect(result.budget!.spent).toBe(990 + result.usage.totalTokens);
    expect(result.budget!.message).toMatch(/^Conversation budget of 1,000 tokens reached/);
  });

  it("with onBudget 'ask', waits with a durable question and goes on when the answer is yes", async () => {
    const fixture = await createFixture({ tools: [calculator] });
    const run = await fixture.agent.stream(ARITHMETIC, { budget: { maxTokens: 5, onBudget: 'ask' } });
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, isBudgetQuestion);
    const [question] = await run.pendingApprovals();
    expect(question?.toolName).toBe('budget');
    expect(question?.reason).toBe('Budget of 5 tokens reached — continue with 5 more?');

    // A yes allows 5 tokens more, counted from what was spent: the model's second round answers.
    await run.approve(question!.toolCallId, { approved: true });
    seen.push(...(await collectEvents(events)));
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.rounds).toBe(2);
    expect(result.text).toContain('84');
    const view = reduceRunEvents(seen);
    expect(view.phase).toBe('completed');
    expect(view.budget?.limits.maxTokens).toBe((question && JSON.parse(question.arguments).spent) + 5);
  });

  it('keeps a budget question through kill -9 of the worker and of the client, answered by a new client', async () => {
    const fixture = await createFixture({
      tools: [calculator],
      worker: false,
      agent: { heartbeatTimeout: '2s' },
    });
    const worker = await startWorkerProcess();
    const first = await fixture.createAgent();
    const run = await first.stream(ARITHMETIC, { budget: { maxTokens: 5, onBudget: 'ask' } });
    await readUntil(run.events(), [], isBudgetQuestion);
    await worker.kill();
    await first.close(); // this client is gone; the question is the run's

    await startWorkerProcess();
    const other = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { address: temporalAddress() },
      identity: 'second client',
    });
    try {
      const attached = await other.attach(run.id);
      const [question] = await attached.pendingApprovals();
      expect(question?.reason).toBe('Budget of 5 tokens reached — continue with 5 more?');
      await attached.approve(question!.toolCallId, { approved: false });
      const result = await attached.result();
      expect(result.status).toBe('budget-exhausted');
      const view = reduceRunEvents(await collectEvents(attached.events()));
      const resolved = view.milestones.find((milestone) => milestone.kind === 'approval-resolved');
      expect(resolved).toMatchObject({ approved: false, decider: 'second client' });
    } finally {
      await other.close();
    }
  });
});
