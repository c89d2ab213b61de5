import { describe, expect, it } from 'vitest';
import { setupTestHosts, waitForReadyWorker, waitForWorkerReplacing } from './support/setup-test-hosts';
import { testSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

const { readyTestHost, startTestHost } = setupTestHosts('scenario');

describe('Host scenarios', () => {
  it('with no worker, waits for one on the task queue and then fails with the seed error (scenario 2)', async () => {
    const { host, eventsOf } = await startTestHost(testSettings({ timeoutMs: 3000 }), { initialWorkers: 0 });
    const settings = await host.handlers.getSettings();
    const sent = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
    await waitUntil(
      () => eventsOf('runUpdated').find((run) => run.view.phase === 'waiting-for-worker'),
      'the worker-check wait',
    );
    const waiting = eventsOf('runUpdated').find((run) => run.view.phase === 'waiting-for-worker')!;
    expect(waiting.view.workerWait).toMatchObject({ taskQueue: settings.taskQueue, timeoutMs: 3000 });
    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages[1]).toMatchObject({
      status: 'failed',
      error: {
        code: 'no-worker',
        message: `no worker available: timed out waiting for workers on task queue "${settings.taskQueue}"`,
      },
    });
    expect(detail.timeline.map((entry) => entry.kind)).toEqual([
      'submitted',
      'worker-check',
      'worker-check',
      'failed',
    ]);
  });

  it('keeps an approval waiting across a worker restart and finishes once it is answered', async () => {
    const { host, eventsOf } = await readyTestHost(testSettings({ approvalPolicy: 'require-all' }));
    const first = await waitForReadyWorker(host);
    const sent = await host.handlers.sendMessage({ text: 'What is 12 * 7?' });
    await waitUntil(
      () => eventsOf('runUpdated').find((run) => run.view.approvals.length > 0),
      'an approval request',
    );

    await host.handlers.restartWorker({ workerId: first.id });
    await waitForWorkerReplacing(host, first.pid);
    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.runs[0]?.view.phase).toBe('awaiting-approval');
    expect(detail.runs[0]?.view.approvals).toEqual([
      expect.objectContaining({
        toolName: 'calculator',
        arguments: expect.stringContaining('12 * 7'),
      }),
    ]);
    await host.handlers.answerApproval({
      runId: sent.run.id,
      toolCallId: detail.runs[0]!.view.approvals[0]!.toolCallId,
      approved: true,
    });
    await host.idle();

    const done = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(done.messages[1]).toMatchObject({ status: 'complete', text: expect.stringContaining('84') });
    expect(done.runs[0]?.view.approvals).toEqual([]);
    expect(done.timeline.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['approval-asked', 'approval-answered', 'completed']),
    );
  });

  it('stops a run on request: the partial text is kept and the answer marked interrupted', async () => {
    const { host } = await readyTestHost(testSettings(), { demoModelPace: 30 });
    const sent = await host.handlers.sendMessage({
      text: 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
    });
    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId: sent.conversation.id })).messages[1]!.text
          .length > 20,
      'the first tokens',
    );
    await host.handlers.stopRun({ runId: sent.run.id });
    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    const answer = detail.messages[1]!;
    expect(answer.status).toBe('interrupted');
    expect(answer.text.length).toBeGreaterThan(20);
    expect(answer.text).not.toContain('Safe travels!');
    expect(detail.runs[0]?.view.phase).toBe('cancelled');
    expect(detail.timeline.at(-1)?.kind).toBe('cancelled');
  });

  it('regenerates the last answer as a new run of the same prompt, keeping the usage of both runs', async () => {
    const { host } = await readyTestHost();
    const sent = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
    await host.idle();
    await expect(host.handlers.sendMessage({ conversationId: 'missing', text: 'x' })).rejects.toMatchObject({
      code: 'not-found',
    });
    const first = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    const again = await host.handlers.regenerate({ messageId: sent.assistantMessage.id });
    await expect(
      host.handlers.sendMessage({ conversationId: sent.conversation.id, text: 'too soon' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages.map((message) => message.id)).toEqual([
      sent.userMessage.id,
      again.assistantMessage.id,
    ]);
    expect(detail.messages[1]).toMatchObject({ status: 'complete', text: first.messages[1]!.text });
    expect(detail.runs.map((run) => run.view.phase)).toEqual(['completed', 'completed']);
    expect(detail.conversation.usage.totalTokens).toBe(2 * first.conversation.usage.totalTokens);
  });
});
