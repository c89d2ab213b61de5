import path from 'node:path';
import Database from 'better-sqlite3';
import { Agent } from 'durable-agent';
import { EMPTY_RUN_VIEW } from 'durable-agent/run-view';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AGENT_NAME } from '../../src/host/agent/agent-clients';
import { HistoryStore } from '../../src/host/history/history-store';
import type { Host } from '../../src/host/host';
import type { WorkerInfo } from '../../src/shared/models';
import { createWebApi } from '../../src/shared/web-transport';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { processExists, waitUntil } from './support/wait-until';
import { buildWebBundle } from './support/web-bundle';
import { startWebProcess } from './support/web-process';

const travelPrompt = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
let bundle: Awaited<ReturnType<typeof buildWebBundle>>;
let directory: ReturnType<typeof temporaryDirectory>;
const hosts: Host[] = [];

beforeAll(async () => {
  bundle = await buildWebBundle();
  directory = temporaryDirectory('reconcile');
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  bundle?.remove();
  directory?.remove();
});

function storedRows(dataDir: string) {
  const database = new Database(path.join(dataDir, 'history.db'), { readonly: true });
  try {
    return {
      messages: database
        .prepare('SELECT id, role, status, text, run_id FROM messages ORDER BY position')
        .all() as {
        id: string;
        role: string;
        status: string;
        text: string;
        run_id: string;
      }[],
      runs: database.prepare('SELECT id, workflow_id, status, last_seq, finalized_at FROM runs').all() as {
        id: string;
        workflow_id: string;
        status: string;
        last_seq: number;
        finalized_at: string | null;
      }[],
    };
  } finally {
    database.close();
  }
}

describe('reconcile', () => {
  it('finishes a run left streaming by a host killed with SIGKILL, storing the final answer exactly once', async () => {
    const dataDir = path.join(directory.path, 'data');
    writeSettings(dataDir, testSettings());

    // 1. A host process (web mode) streams an answer…
    const web = await startWebProcess(bundle.main, [
      '--data-dir',
      dataDir,
      '--temporal-address',
      inject('temporalAddress'),
      '--demo-pace',
      '40',
    ]);
    const client = createWebApi({
      url: `ws://127.0.0.1:${web.url.port}/api`,
      token: web.token,
      requestTimeoutMs: 30_000,
    });
    const worker = await waitUntil(
      async () => (await client.api.listWorkers()).find((each: WorkerInfo) => each.status.state === 'ready'),
      `a ready worker (${web.output.join(' | ')})`,
      90_000,
    );
    const sent = await client.api.sendMessage({ text: travelPrompt });
    await waitUntil(
      async () =>
        (
          await client.api.loadConversation({ conversationId: sent.conversation.id })
        ).messages[1]!.text.includes('Day 2'),
      'the answer to reach Day 2',
    );
    await new Promise((resolve) => setTimeout(resolve, 600));

    // 2. …and is killed mid-stream: nothing is finalized, its worker goes away with it.
    web.child.kill('SIGKILL');
    await web.exited;
    client.close();
    await waitUntil(() => !processExists(worker.pid!), 'the orphaned worker to exit', 20_000);
    const afterCrash = storedRows(dataDir);
    const partial = afterCrash.messages.find((message) => message.id === sent.assistantMessage.id)!;
    expect(partial.status).toBe('streaming');
    expect(partial.text).toContain('Day 1');
    expect(afterCrash.runs).toEqual([expect.objectContaining({ id: sent.run.id, finalized_at: null })]);
    expect(afterCrash.runs[0]!.last_seq).toBeGreaterThan(0);

    // 3. A new host on the same data folder re-attaches the run from its last seq and finishes it.
    const second = await createTestHost(dataDir);
    hosts.push(second.host);
    const report = await second.host.started;
    expect(report).toEqual({ resumed: 1, orphaned: 0 });
    await second.host.idle();

    const detail = await second.host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const answer = detail.messages[1]!;
    expect(answer.text.split('Day 1: Arrive in Tokyo').length).toBe(2);
    expect(answer.text).toContain('Safe travels!');
    expect(detail.runs).toEqual([expect.objectContaining({ id: sent.run.id })]);
    expect(detail.runs[0]!.view.phase).toBe('completed');
    expect(detail.timeline.map((entry) => entry.kind)).toContain('completed');

    // The stored answer is the workflow's recorded result.
    const agent = await Agent.create({ name: 'assistant', temporal: { address: inject('temporalAddress') } });
    try {
      const result = await (await agent.attach(sent.run.workflowId)).result();
      expect(answer.text).toBe(result.text);
    } finally {
      await agent.close();
    }

    // 4. Starting again changes nothing: the answer is stored exactly once.
    await second.host.close();
    const third = await createTestHost(dataDir, { initialWorkers: 0 });
    hosts.push(third.host);
    expect(await third.host.started).toEqual({ resumed: 0, orphaned: 0 });
    await third.host.close();
    const final = storedRows(dataDir);
    expect(final.messages.filter((message) => message.role === 'assistant')).toHaveLength(1);
    expect(final.messages[1]).toMatchObject({ status: 'complete', text: answer.text });
    expect(final.runs).toHaveLength(1);
    const store = HistoryStore.open(path.join(dataDir, 'history.db'));
    expect(store.timeline.byRun(sent.run.id).filter((entry) => entry.kind === 'completed')).toHaveLength(1);
    store.close();
  }, 180_000);

  it('marks a run Temporal no longer knows as failed, and an answer that never got a run', async () => {
    const dataDir = path.join(directory.path, 'missing');
    writeSettings(dataDir, testSettings());
    const store = HistoryStore.open(path.join(dataDir, 'history.db'));
    const at = new Date().toISOString();
    store.conversations.insert('c1', 'Lost', at);
    const user = store.messages.insert({
      id: 'u1',
      conversationId: 'c1',
      role: 'user',
      text: 'Hi',
      status: 'complete',
      at,
    });
    store.messages.insert({
      id: 'a1',
      conversationId: 'c1',
      role: 'assistant',
      text: 'Hel',
      status: 'streaming',
      at,
    });
    store.runs.insert({
      id: 'r1',
      workflowId: 'assistant/c1/r1',
      conversationId: 'c1',
      userMessageId: user.id,
      assistantMessageId: 'a1',
      at,
    });
    store.runs.saveView('r1', { ...EMPTY_RUN_VIEW, phase: 'streaming', lastSeq: 3 });
    store.messages.insert({
      id: 'u2',
      conversationId: 'c1',
      role: 'user',
      text: 'Again',
      status: 'complete',
      at,
    });
    store.messages.insert({
      id: 'a2',
      conversationId: 'c1',
      role: 'assistant',
      text: '',
      status: 'streaming',
      at,
    });
    store.close();

    const { host } = await createTestHost(dataDir, { initialWorkers: 0 });
    hosts.push(host);
    expect(await host.started).toEqual({ resumed: 1, orphaned: 1 });
    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId: 'c1' });
    expect(
      detail.messages.map((message) => [message.id, message.status, message.text, message.error?.code]),
    ).toEqual([
      ['u1', 'complete', 'Hi', undefined],
      ['a1', 'failed', 'Hel', 'run-not-found'],
      ['u2', 'complete', 'Again', undefined],
      ['a2', 'failed', '', 'not-submitted'],
    ]);
    expect(detail.runs[0]!.view).toMatchObject({ phase: 'failed', error: { code: 'run-not-found' } });
    expect(detail.runs[0]!.view.error?.message).toMatch(
      /no longer exists on .* \(was its database reset\?\)/,
    );
  });

  it('finishes a run recorded before submission whose submission reached Temporal, and fails one that did not', async () => {
    const dataDir = path.join(directory.path, 'submitted');
    const settings = testSettings();
    writeSettings(dataDir, settings);
    const store = HistoryStore.open(path.join(dataDir, 'history.db'));
    const at = new Date().toISOString();
    store.conversations.insert('c2', 'Crashed while submitting', at);
    const agent = await Agent.create({
      name: AGENT_NAME,
      taskQueue: settings.taskQueue,
      temporal: { address: inject('temporalAddress') },
    });
    // As the host records a run before `agent.stream`: one the app submitted just before dying, one it never did.
    for (const [index, submitted] of [true, false].entries()) {
      const runId = `run-${index}-${Date.now()}`;
      const user = store.messages.insert({
        id: `u${index}`,
        conversationId: 'c2',
        role: 'user',
        text: 'Hello from remote agent!',
        status: 'complete',
        at,
      });
      store.messages.insert({
        id: `a${index}`,
        conversationId: 'c2',
        role: 'assistant',
        text: '',
        status: 'streaming',
        at,
      });
      store.runs.insert({
        id: runId,
        workflowId: agent.workflowIdFor('c2', runId),
        conversationId: 'c2',
        userMessageId: user.id,
        assistantMessageId: `a${index}`,
        at,
      });
      store.runs.setTemporal(runId, await agent.identity());
      if (submitted) await agent.stream('Hello from remote agent!', { conversationId: 'c2', runId });
    }
    store.close();
    await agent.close();

    const { host } = await createTestHost(dataDir);
    hosts.push(host);
    expect(await host.started).toEqual({ resumed: 2, orphaned: 0 });
    const messages = await waitUntil(
      async () => {
        const detail = await host.handlers.loadConversation({ conversationId: 'c2' });
        return detail.messages.every((message) => message.status !== 'streaming') && detail.messages;
      },
      'both answers settled',
      60_000,
    );
    expect(
      messages.map((message) => [message.id, message.status, message.text, message.error?.message]),
    ).toEqual([
      ['u0', 'complete', 'Hello from remote agent!', undefined],
      ['a0', 'complete', 'Hello! How can I help you today?', undefined],
      ['u1', 'complete', 'Hello from remote agent!', undefined],
      [
        'a1',
        'failed',
        '',
        expect.stringMatching(
          /^the run was never started on .*: the process submitting it stopped first; send it again$/,
        ),
      ],
    ]);
  }, 120_000);
});
