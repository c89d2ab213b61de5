import { describe, expect, it } from 'vitest';
import type { StoredSettings } from '../../src/host/settings/settings-store';
import { setupTestHosts, waitForReadyWorker } from './support/setup-test-hosts';
import { testSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const { readyTestHost, restart } = setupTestHosts('controls');

const budget = (overrides: Partial<StoredSettings['budget']>): StoredSettings['budget'] => ({
  maxTokens: null,
  maxCostUsd: null,
  maxToolCalls: null,
  onLimit: 'stop',
  ...overrides,
});

describe('Host: budgets, steering and approval records', () => {
  it('ends a run at the budget of the settings as budget-exhausted, after kill -9 of its worker', async () => {
    const { host, eventsOf } = await readyTestHost(testSettings({ budget: budget({ maxTokens: 5 }) }), {
      demoModelPace: 20,
    });
    const worker = await waitForReadyWorker(host);
    const sent = await host.handlers.sendMessage({ text: 'What is 12 * 7?' });
    await waitUntil(() => eventsOf('runUpdated').find((run) => run.view.attempts > 0), 'the first attempt');
    await host.handlers.killWorker({ workerId: worker.id });
    await host.handlers.startWorker({ workerId: worker.id });
    await host.idle();

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.runs[0]?.view.phase).toBe('budget-exhausted');
    expect(detail.runs[0]?.view.budget?.reached).toMatchObject({ limit: 'tokens', value: 5, action: 'stop' });
    expect(detail.messages[1]?.status).toBe('interrupted');
    const last = detail.timeline.at(-1);
    expect(last?.kind).toBe('budget-exhausted');
    expect(last?.detail).toMatch(
      /^Budget of 5 tokens reached \(spent \d+ tokens\): the run ended \(budget-exhausted\)$/,
    );
    expect(detail.timeline.map((entry) => entry.kind)).toContain('budget');
  });

  it('keeps a budget question through a restart of the host; the new host answers it', async () => {
    const first = await readyTestHost(testSettings({ budget: budget({ maxTokens: 5, onLimit: 'ask' }) }));
    const sent = await first.host.handlers.sendMessage({ text: 'What is 12 * 7?' });
    await waitUntil(
      () => first.eventsOf('runUpdated').find((run) => run.view.approvals.length > 0),
      'the budget question',
    );
    const second = await restart(first.host);
    const question = await waitUntil(async () => {
      const detail = await second.handlers.loadConversation({ conversationId: sent.conversation.id });
      const run = detail.runs[0];
      // Answerable once the new host follows the run live again.
      return run?.following === undefined ? run?.view.approvals[0] : undefined;
    }, 'the question, read back and followed live');
    expect(question).toMatchObject({
      toolName: 'budget',
      reason: 'Budget of 5 tokens reached — continue with 5 more?',
    });
    // Right after its start the host may still be connecting the run ("reconnecting"): answer once it can.
    await waitUntil(
      () =>
        second.handlers
          .answerApproval({ runId: sent.run.id, toolCallId: question.toolCallId, approved: true })
          .then(
            () => true,
            (error: Error) => (/reconnecting/.test(error.message) ? undefined : Promise.reject(error)),
          ),
      'the answer accepted',
    );
    await second.idle();
    const done = await second.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(done.messages[1]).toMatchObject({ status: 'complete', text: expect.stringContaining('84') });
    const answered = done.timeline.find((entry) => entry.kind === 'approval-answered');
    expect(answered?.detail).toMatch(/^tool call approved by durable-agent app \S+ at \d{4}-/);
  });

  it('sends a message into the running travel plan; after kill -9 of the worker the next round answers it', async () => {
    const { host } = await readyTestHost(testSettings(), { demoModelPace: 40 });
    const worker = await waitForReadyWorker(host);
    const sent = await host.handlers.sendMessage({ text: TRAVEL_PLAN });
    await waitUntil(
      async () =>
        (
          await host.handlers.loadConversation({ conversationId: sent.conversation.id })
        ).messages[1]!.text.includes('Day 1'),
      'the plan streaming',
    );
    await host.handlers.steerRun({ runId: sent.run.id, text: 'Make it 3 days instead.' });
    await host.handlers.killWorker({ workerId: worker.id });
    await host.handlers.startWorker({ workerId: worker.id });
    await host.idle();

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages[1]?.status).toBe('complete');
    expect(detail.messages[1]?.text.startsWith('Here is a 3-day version: …')).toBe(true);
    expect(detail.runs[0]?.view.steers?.map((steer) => steer.text)).toEqual(['Make it 3 days instead.']);
    expect(detail.timeline.find((entry) => entry.kind === 'steer')?.detail).toMatch(
      /^message sent into the run by durable-agent app \S+: "Make it 3 days instead\."$/,
    );
    await expect(host.handlers.steerRun({ runId: sent.run.id, text: 'too late' })).rejects.toThrow(/ended/);
  }, 180_000);

  it('remembers "Always allow" for the conversation, with who decided, across a host restart', async () => {
    const first = await readyTestHost(testSettings({ approvalPolicy: 'require-all' }));
    const sent = await first.host.handlers.sendMessage({ text: 'What is 12 * 7?' });
    const waiting = await waitUntil(
      () => first.eventsOf('runUpdated').find((run) => run.view.approvals.length > 0),
      'an approval request',
    );
    await first.host.handlers.answerApproval({
      runId: sent.run.id,
      toolCallId: waiting.view.approvals[0]!.toolCallId,
      approved: true,
      alwaysAllow: true,
    });
    await first.host.idle();
    const detail = await first.host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.timeline.find((entry) => entry.kind === 'approval-answered')?.detail).toMatch(
      /^tool call always allowed in this conversation by durable-agent app \S+ at /,
    );
    const second = await restart(first.host);
    await second.handlers.sendMessage({ conversationId: sent.conversation.id, text: 'What is 2 + 3?' });
    await second.idle();
    const after = await second.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(after.messages.at(-1)).toMatchObject({ status: 'complete', text: expect.stringContaining('5') });
    expect(
      after.runs.at(-1)?.view.milestones.some((milestone) => milestone.kind === 'approval-requested'),
    ).toBe(false);
  });
});
