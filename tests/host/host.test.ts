import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { ConversationDetail } from '../../src/shared/models';
import { waitForReadyWorker } from './support/setup-test-hosts';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { processExists, waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory>;
let hosts: Host[] = [];

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  directory?.remove();
});

async function startHost(settings = testSettings()) {
  directory = temporaryDirectory('host');
  writeSettings(directory.path, settings);
  const test = await createTestHost(directory.path);
  hosts.push(test.host);
  await test.host.started;
  const worker = await waitForReadyWorker(test.host, test.output);
  return { ...test, worker };
}

/** Asks for the long travel plan and waits until its first tokens are stored: the attempt is mid-stream. */
async function sendTravelPlanUntilItStreams(host: Host) {
  const sent = await host.handlers.sendMessage({
    text: 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
  });
  await waitUntil(
    async () =>
      (await host.handlers.loadConversation({ conversationId: sent.conversation.id })).messages[1]!.text
        .length > 40,
    'the first tokens',
  );
  return sent;
}

describe('Host', () => {
  it('sends a message, streams the answer and stores it once, complete, with usage and a timeline', async () => {
    const { host, eventsOf, worker } = await startHost();
    const sent = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
    expect(sent.assistantMessage.status).toBe('streaming');
    expect(sent.conversation.title).toBe('Hello from remote agent!');
    await host.idle();

    const detail = (await host.invoke('loadConversation', {
      conversationId: sent.conversation.id,
    })) as ConversationDetail;
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const answer = detail.messages[1]!;
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.usage?.totalTokens).toBeGreaterThan(0);
    expect(detail.runs).toEqual([expect.objectContaining({ id: sent.run.id })]);
    expect(detail.runs[0]!.view).toMatchObject({ phase: 'completed', attempts: 1 });
    expect(detail.conversation.usage.totalTokens).toBe(answer.usage?.totalTokens);
    expect(detail.timeline.map((entry) => entry.kind)).toEqual(['submitted', 'attempt-started', 'completed']);
    expect(detail.timeline[1]).toMatchObject({ workerId: worker.id });
    // The answer streams to the UI as event batches (deltas): the log's in seq order, each seq once (text
    // read live from the worker comes between them, not in the log).
    const streamed = eventsOf('runEvents').flatMap((batch) =>
      batch.events.filter((event) => event.seq >= 0 && !event.live),
    );
    expect(streamed.some((event) => event.type === 'TEXT_MESSAGE_CONTENT')).toBe(true);
    expect(streamed.map((event) => event.seq)).toEqual(streamed.map((_, index) => index));
    expect(eventsOf('messageUpdated').at(-1)).toMatchObject({
      id: answer.id,
      status: 'complete',
      text: answer.text,
    });
  });

  it('finishes the answer without duplicated text when its worker is killed mid-stream and restarted', async () => {
    const { host, worker, eventsOf } = await startHost();
    const sent = await sendTravelPlanUntilItStreams(host);
    const killed = await host.handlers.killWorker({ workerId: worker.id });
    expect(processExists(worker.pid!)).toBe(false);
    expect(killed.status).toEqual({ state: 'exited', code: null, signal: 'SIGKILL' });
    await host.handlers.restartWorker({ workerId: worker.id });
    await host.idle();

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    const answer = detail.messages[1]!;
    expect(answer.status).toBe('complete');
    expect(answer.attempt).toBe(2);
    expect(answer.text.split('Day 1').length).toBe(2);
    const kinds = detail.timeline.map((entry) => entry.kind);
    expect(kinds).toEqual([
      'submitted',
      'attempt-started',
      'worker-lost',
      'attempt-reset',
      'attempt-started',
      'completed',
    ]);
    expect(detail.runs[0]!.view).toMatchObject({ phase: 'completed', attempts: 2 });
    expect(detail.runs[0]!.view.usage.wastedTokens).toBeGreaterThan(0);
    expect(detail.conversation.usage.wastedTokens).toBe(detail.runs[0]!.view.usage.wastedTokens);
    expect(eventsOf('runUpdated').some((run) => run.lostAttempt === 1)).toBe(true);
    expect(eventsOf('runUpdated').some((run) => run.view.phase === 'retrying')).toBe(true);
  });

  it('names a graceful stop during an attempt in the timeline, before the next attempt: the call was handed back', async () => {
    const { host, worker } = await startHost();
    const sent = await sendTravelPlanUntilItStreams(host);
    await host.handlers.stopWorker({ workerId: worker.id });
    await host.handlers.startWorker({ workerId: worker.id });
    await host.idle();

    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages[1]).toMatchObject({ status: 'complete', attempt: 2 });
    const lost = detail.timeline.filter((entry) => entry.kind === 'worker-lost');
    expect(lost).toEqual([
      expect.objectContaining({
        workerId: worker.id,
        attempt: 1,
        detail: expect.stringMatching(
          /^Worker 1 \(pid \d+\) was stopped during attempt 1; it handed the call back to Temporal/,
        ),
      }),
    ]);
    const kinds = detail.timeline.map((entry) => entry.kind);
    expect(kinds.indexOf('worker-lost')).toBeLessThan(kinds.lastIndexOf('attempt-started'));
  });

  it('refuses invalid requests with a clear error and never returns the API key', async () => {
    const { host } = await startHost();
    await expect(host.invoke('sendMessage', { text: '   ' })).rejects.toThrow(/the message is empty/);
    await expect(host.invoke('noSuchChannel', {})).rejects.toMatchObject({ code: 'unknown-channel' });
    await expect(host.invoke('killWorker', { workerId: 'worker-99' })).rejects.toMatchObject({
      code: 'not-found',
    });
    const saved = await host.invoke('saveSettings', { apiKey: 'sk-very-secret' });
    expect(JSON.stringify(saved)).not.toContain('sk-very-secret');
    expect(saved).toMatchObject({ hasApiKey: true });
  });
});
