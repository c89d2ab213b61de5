import { TemporalDevServer } from 'durable-agent';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

const travelPrompt = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
let directory: ReturnType<typeof temporaryDirectory> | undefined;
let hosts: Host[] = [];
let other: TemporalDevServer | undefined;

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  await other?.stop();
  other = undefined;
  directory?.remove();
  directory = undefined;
});

async function readyWorker(host: Host): Promise<WorkerInfo> {
  return waitUntil(
    async () =>
      ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
    'a ready worker',
    90_000,
  );
}

describe('Runs of another Temporal', () => {
  it('wait, saying so, while the app talks to another Temporal, and finish once pointed back at theirs', async () => {
    const home = inject('temporalAddress');
    other = await TemporalDevServer.start({ port: 0, headless: true, startTimeoutMs: 60_000 });
    directory = temporaryDirectory('other-temporal');
    writeSettings(directory.path, testSettings({ temporalAddress: home }));
    const { host, eventsOf } = await createTestHost(directory.path, { demoModelPace: 60 });
    hosts.push(host);
    await host.started;
    await readyWorker(host);
    const sent = await host.handlers.sendMessage({ text: travelPrompt });
    const conversationId = sent.conversation.id;
    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId })).messages[1]!.text.includes('Day 1'),
      'the first day of the plan',
    );

    // The app now talks to another Temporal: the run is not failed, it waits for its own.
    await host.handlers.saveSettings({ temporalAddress: other.address });
    const waiting = await waitUntil(
      () =>
        eventsOf('runUpdated').find(
          (run) => run.id === sent.run.id && run.following?.kind === 'other-temporal',
        ),
      'the run waiting for its Temporal',
    );
    expect(waiting.following?.message).toContain(home);
    const meanwhile = await host.handlers.loadConversation({ conversationId });
    expect(meanwhile.messages[1]!.status).toBe('streaming');
    expect(meanwhile.runs[0]!.following?.kind).toBe('other-temporal');

    // Pointed back at its Temporal, the run finishes: the whole plan, once.
    await host.handlers.saveSettings({ temporalAddress: home });
    await readyWorker(host);
    await waitUntil(
      async () =>
        (await host.handlers.loadConversation({ conversationId })).messages[1]!.status !== 'streaming',
      'the answer to finish',
      120_000,
    );
    const detail = await host.handlers.loadConversation({ conversationId });
    expect(detail.messages[1]!.status).toBe('complete');
    expect(detail.messages[1]!.text.split('Day 1:').length).toBe(2);
    expect(detail.messages[1]!.text).toContain('Safe travels!');
    expect(detail.runs[0]!.following).toBeUndefined();
    expect(detail.timeline.filter((entry) => entry.kind === 'completed')).toHaveLength(1);
  }, 180_000);
});
