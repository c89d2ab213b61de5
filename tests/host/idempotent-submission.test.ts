import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { AgentClients } from '../../src/host/agent/agent-clients';
import { HistoryStore } from '../../src/host/history/history-store';
import { HostEvents } from '../../src/host/host-events';
import { HistoryJournal } from '../../src/host/runs/history-journal';
import { recordRun, submission } from '../../src/host/runs/run-submission';
import { DEFAULT_SETTINGS } from '../../src/host/settings/settings-store';
import type { WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
const closers: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  directory?.remove();
  directory = undefined;
});

async function executionsOf(workflowId: string): Promise<number> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    let count = 0;
    for await (const _ of new Client({ connection }).workflow.list({ query: `WorkflowId = "${workflowId}"` }))
      count++;
    return count;
  } finally {
    await connection.close();
  }
}

describe("The app's submission", () => {
  it('submitted twice for one run id starts one workflow execution, and both see its result, stored once', async () => {
    directory = temporaryDirectory('idempotent');
    const settings = testSettings();
    writeSettings(path.join(directory.path, 'host'), settings);
    const { host } = await createTestHost(path.join(directory.path, 'host'));
    closers.push(() => host.close());
    await waitUntil(
      async () =>
        ((await host.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
      'a ready worker',
      90_000,
    );

    // The app's own run path, twice over one record (as after a Send whose reply was lost, sent again).
    const store = HistoryStore.open(path.join(directory.path, 'app', 'history.db'));
    closers.push(() => store.close());
    const events = new HostEvents();
    const agents = new AgentClients(
      async () => ({
        address: inject('temporalAddress'),
        namespace: 'default',
        settings: { ...DEFAULT_SETTINGS, ...settings },
      }),
      store,
    );
    closers.push(() => agents.close());
    const at = new Date().toISOString();
    store.conversations.insert('c1', 'Twice', at);
    const message = { conversationId: 'c1', status: 'complete' as const, at };
    const user = store.messages.insert({
      ...message,
      id: 'u1',
      role: 'user',
      text: 'Hello from remote agent!',
    });
    const assistant = store.messages.insert({
      ...message,
      id: 'a1',
      role: 'assistant',
      text: '',
      status: 'streaming',
    });
    const record = recordRun(store, user, assistant);
    const submit = submission({ store, events, agents, defaultSystemPrompt: () => '' }, record, user);
    const [first, second] = await Promise.all([
      submit(new HistoryJournal(store, events, record), {}),
      submit(new HistoryJournal(store, events, record), {}),
    ]);
    const [one, two] = await Promise.all([first.done, second.done]);

    expect(one?.result.text).toBe('Hello! How can I help you today?');
    expect(two?.result).toEqual(one?.result);
    expect(
      await waitUntil(
        async () => (await executionsOf(record.workflowId)) || undefined,
        'the execution listed',
      ),
    ).toBe(1);
    expect(store.messages.get('a1')).toMatchObject({ status: 'complete', text: one?.result.text });
    expect(store.timeline.byRun(record.id).filter((entry) => entry.kind === 'completed')).toHaveLength(1);
  });
});
