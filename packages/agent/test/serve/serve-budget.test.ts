import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startServe, useServeScenarios } from './support/serve-process';
import { assistantTexts, runStockClient, userMessage, verifyWithStockClient } from './support/stock-client';

const scenarios = useServeScenarios();

describe('durable-agent serve: budgets', () => {
  it('with --on-budget ask, ends the AG-UI run with a budget interrupt that a resume through a restarted server answers', async () => {
    const budgetFlags = ['--max-tokens', '5', '--on-budget', 'ask'];
    const { scenario, serve } = await scenarios.serveWithWorker(0, budgetFlags);
    const threadId = randomUUID();

    const first = await runStockClient(serve.url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'What is 12*7?')],
    });
    await verifyWithStockClient(first.events);
    const interrupts = first.agent.pendingInterrupts;
    expect(interrupts).toHaveLength(1);
    expect(interrupts[0]).toMatchObject({
      reason: 'budget',
      message: 'Budget of 5 tokens reached — continue with 5 more?',
      metadata: { toolName: 'budget' },
    });

    // The question is the durable run's: a new server process answers it.
    serve.process.signal('SIGKILL');
    await serve.process.waitForExit();
    const restarted = await startServe(scenario, budgetFlags);
    first.agent.url = restarted.url; // the same client, now talking to the new server
    const second = await runStockClient(restarted.url, {
      threadId,
      runId: randomUUID(),
      agent: first.agent,
      resume: [{ interruptId: interrupts[0]!.id, status: 'resolved', payload: { approved: true } }],
    });
    await verifyWithStockClient(second.events);
    expect(second.agent.pendingInterrupts).toEqual([]);
    expect(assistantTexts(second.agent.messages).at(-1)).toBe('The result is 84.');
  });

  it('finishes a run at its --max-tokens limit with the budget-exhausted result', async () => {
    const { serve } = await scenarios.serveWithWorker(0, ['--max-tokens', '5']);
    const run = await runStockClient(serve.url, {
      threadId: randomUUID(),
      runId: randomUUID(),
      messages: [userMessage('u1', 'What is 12*7?')],
    });
    await verifyWithStockClient(run.events);
    const finished = run.events.find((event) => event.type === 'RUN_FINISHED') as
      | { result?: unknown }
      | undefined;
    expect(finished?.result).toMatchObject({
      status: 'budget-exhausted',
      budget: { limit: 'tokens', value: 5 },
    });
    expect(run.agent.pendingInterrupts).toEqual([]);
  });
});
