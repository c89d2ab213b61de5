import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { SentMessage, WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let hosts: Host[] = [];

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  directory?.remove();
  directory = undefined;
});

describe('Host: a conversation longer than the model', () => {
  it("shows the summary of earlier turns in the run's timeline, answers from it, and keeps every message in SQLite", async () => {
    directory = temporaryDirectory('long');
    writeSettings(directory.path, testSettings());
    const { host } = await createTestHost(directory.path, { demoModelPace: 0, demoModelContextWindow: 600 });
    hosts.push(host);
    await host.started;
    await waitUntil(
      async () =>
        ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
      'a ready worker',
      90_000,
    );

    const prompts = ['My name is Ada.', ...Array(3).fill('reply with 250 tokens'), 'What is my name?'];
    const turns: SentMessage[] = [];
    for (const text of prompts) {
      const conversationId = turns[0]?.conversation.id;
      turns.push(await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text }));
      await host.idle();
    }
    const detail = await host.handlers.loadConversation({ conversationId: turns[0]!.conversation.id });
    expect(detail.messages).toHaveLength(10);
    expect(detail.messages[9]?.text).toBe('Your name is Ada.');
    const compacted = detail.timeline.filter((entry) => entry.kind === 'compacted');
    expect(compacted).toHaveLength(1);
    expect(compacted[0]?.runId).toBe(turns[4]!.run.id);
    expect(compacted[0]?.detail).toMatch(
      /^summary of earlier turns \(the model refused the input as too long; \d+ messages summarised, 1 kept; .*\): Summary of earlier turns: .* The user said: My name is Ada\./,
    );
  }, 180_000);
});
