import path from 'node:path';
import Database from 'better-sqlite3';
import { EMPTY_RUN_VIEW } from 'durable-agent/run-view';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/host/history/history-store';
import { migrations } from '../../src/host/history/migrations';
import { TIMELINE_LIMIT_PER_RUN } from '../../src/host/history/timeline-table';
import { temporaryDirectory } from './support/temporary-directory';

const usage = {
  promptTokens: 10,
  completionTokens: 12,
  totalTokens: 22,
  failedAttemptTokens: 3,
  stoppedTokens: 2,
  wastedTokens: 5,
};
let directory: ReturnType<typeof temporaryDirectory>;
let stores: HistoryStore[] = [];

function open(file = path.join(directory.path, 'nested', 'history.db'), list = migrations) {
  const store = HistoryStore.open(file, list);
  stores.push(store);
  return store;
}

function seedRun(store: HistoryStore, conversationId = 'c1', runId = 'r1') {
  const at = new Date().toISOString();
  if (!store.conversations.exists(conversationId)) store.conversations.insert(conversationId, 'Trip', at);
  const user = store.messages.insert({
    id: `${runId}-u`,
    conversationId,
    role: 'user',
    text: 'Plan a trip to Japan',
    status: 'complete',
    at,
  });
  const assistant = store.messages.insert({
    id: `${runId}-a`,
    conversationId,
    role: 'assistant',
    text: '',
    status: 'streaming',
    at,
  });
  store.runs.insert({
    id: runId,
    workflowId: `assistant/${conversationId}/${runId}`,
    conversationId,
    userMessageId: user.id,
    assistantMessageId: assistant.id,
    at,
  });
  return { user, assistant };
}

afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
  directory?.remove();
});

describe('HistoryStore', () => {
  it('creates the file with WAL journaling and keeps everything when reopened', () => {
    directory = temporaryDirectory('history');
    const file = path.join(directory.path, 'nested', 'history.db');
    const first = open(file);
    seedRun(first);
    const view = { ...EMPTY_RUN_VIEW, phase: 'streaming' as const, usage, lastSeq: 7, attempts: 1 };
    first.runs.saveView('r1', view);
    first.messages.updateStream('r1-a', 'Day 1: Tokyo', 1, new Date().toISOString());
    first.close();

    const second = open(file);
    expect(second.version).toBe(migrations.length);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(second.messages.get('r1-a')).toMatchObject({ text: 'Day 1: Tokyo', status: 'streaming' });
    expect(second.runs.unfinished()).toEqual([expect.objectContaining({ id: 'r1', view })]);
    expect(second.conversations.summaries()).toEqual([
      expect.objectContaining({ id: 'c1', messageCount: 2, activeRunId: 'r1', usage }),
    ]);
  });

  it('finalizes a run exactly once and never changes a finished message again', () => {
    directory = temporaryDirectory('history');
    const store = open();
    seedRun(store);
    const at = new Date().toISOString();
    const view = { ...EMPTY_RUN_VIEW, phase: 'completed' as const, usage, lastSeq: 30, attempts: 2 };
    const messages = [{ role: 'assistant' as const, content: 'Day 1…' }];
    expect(store.runs.finalize('r1', view, messages, at)).toBe(true);
    expect(store.runs.finalize('r1', { ...view, lastSeq: 31 }, messages, at)).toBe(false);
    expect(store.runs.get('r1')?.view.lastSeq).toBe(30);
    store.messages.finalize('r1-a', { text: 'Day 1…', status: 'complete', attempt: 2, usage }, at);
    store.messages.updateStream('r1-a', 'late partial text', 1, at);
    expect(store.messages.get('r1-a')).toMatchObject({
      text: 'Day 1…',
      status: 'complete',
      attempt: 2,
      usage,
    });
    expect(store.runs.unfinished()).toEqual([]);
    expect(store.conversations.summary('c1')?.activeRunId).toBeUndefined();
    // What the model sees: the run's user prompt, then what the run produced.
    expect(store.runs.transcript('c1')).toEqual([
      { role: 'user', content: 'Plan a trip to Japan' },
      { role: 'assistant', content: 'Day 1…' },
    ]);
    // Another version of the prompt, shown: the first answer is no longer on the branch the model sees.
    store.messages.insert({
      id: 'r2-u',
      conversationId: 'c1',
      role: 'user',
      text: 'Plan a trip to Peru',
      status: 'complete',
      parentId: null,
      at,
    });
    store.conversations.showBranch('c1', 'r2-u');
    expect(store.runs.transcript('c1')).toEqual([]);
    expect(store.messages.get('r2-u')?.versionIds).toEqual(['r1-u', 'r2-u']);
    store.conversations.showBranch('c1', store.messages.newestLeafUnder('r1-u'));
    expect(store.messages.branch(store.conversations.leaf('c1')!).map((message) => message.id)).toEqual([
      'r1-u',
      'r1-a',
    ]);
    expect(store.conversations.summary('c1')?.usage).toEqual(usage);
  });

  it('continues the branch on screen, keeps versions as siblings and migrates a flat conversation into one branch', () => {
    directory = temporaryDirectory('history');
    const file = path.join(directory.path, 'nested', 'history.db');
    open(file, migrations.slice(0, 3)).close();
    const flat = new Database(file);
    flat.prepare(`INSERT INTO conversations VALUES ('c1', 'Trip', 'a', 'a')`).run();
    const insert = flat.prepare(
      `INSERT INTO messages (id, conversation_id, position, role, text, status, created_at, updated_at)
       VALUES (?, 'c1', ?, ?, '', 'complete', 'a', 'a')`,
    );
    ['r1-u', 'r1-a', 'r2-u', 'r2-a'].forEach((id, index) => {
      insert.run(id, index + 1, id.endsWith('u') ? 'user' : 'assistant');
    });
    flat.close();
    const store = open(file);
    expect(store.conversations.leaf('c1')).toBe('r2-a');
    expect(store.messages.branch('r2-a').map((message) => [message.id, message.parentId])).toEqual([
      ['r1-u', undefined],
      ['r1-a', 'r1-u'],
      ['r2-u', 'r1-a'],
      ['r2-a', 'r2-u'],
    ]);
    const at = new Date().toISOString();
    store.messages.insert({
      id: 'r3-a',
      conversationId: 'c1',
      role: 'assistant',
      text: 'again',
      status: 'complete',
      parentId: 'r2-u',
      at,
    });
    expect(store.conversations.leaf('c1')).toBe('r2-a');
    expect(store.messages.get('r2-a')?.versionIds).toEqual(['r2-a', 'r3-a']);
    expect(store.messages.newestLeafUnder('r1-u')).toBe('r3-a');
  });

  it('keeps a bounded timeline per run, always with its first entry', () => {
    directory = temporaryDirectory('history');
    const store = open();
    seedRun(store);
    for (let index = 0; index < TIMELINE_LIMIT_PER_RUN + 20; index++) {
      store.timeline.append({
        runId: 'r1',
        kind: index === 0 ? 'submitted' : 'attempt-started',
        at: new Date().toISOString(),
        detail: `entry ${index}`,
      });
    }
    const entries = store.timeline.byConversation('c1');
    expect(entries).toHaveLength(TIMELINE_LIMIT_PER_RUN);
    expect(entries[0]).toMatchObject({ kind: 'submitted', detail: 'entry 0', conversationId: 'c1' });
    expect(entries.at(-1)?.detail).toBe(`entry ${TIMELINE_LIMIT_PER_RUN + 19}`);
    expect(store.timeline.append({ runId: 'missing', kind: 'failed', at: '', detail: '' })).toBeUndefined();
  });

  it('searches titles and message texts, and deleting a conversation removes its messages, runs and timeline', () => {
    directory = temporaryDirectory('history');
    const store = open();
    seedRun(store, 'c1', 'r1');
    store.conversations.insert('c2', 'Groceries 100%', new Date().toISOString());
    expect(store.conversations.search('japan').map((hit) => [hit.conversation.id, hit.snippet])).toEqual([
      ['c1', 'Plan a trip to Japan'],
    ]);
    expect(store.conversations.search('100%').map((hit) => hit.conversation.id)).toEqual(['c2']);
    expect(store.conversations.search('0%_').map((hit) => hit.conversation.id)).toEqual([]);
    store.timeline.append({ runId: 'r1', kind: 'submitted', at: new Date().toISOString(), detail: 'x' });
    expect(store.conversations.delete('c1')).toBe(true);
    expect(store.messages.byConversation('c1')).toEqual([]);
    expect(store.runs.get('r1')).toBeUndefined();
    expect(store.timeline.byRun('r1')).toEqual([]);
  });
});

describe('migrate', () => {
  const next = migrations.length + 1;
  const extra = { version: next, name: 'notes', sql: 'ALTER TABLE conversations ADD COLUMN note TEXT' };

  it('applies only the migrations a database lacks, in order, and records the version', () => {
    directory = temporaryDirectory('history');
    const file = path.join(directory.path, 'history.db');
    open(file).close();
    const upgraded = open(file, [...migrations, extra]);
    expect(upgraded.version).toBe(next);
    upgraded.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(next);
    expect(raw.prepare('SELECT name FROM pragma_table_info(?)').all('conversations')).toContainEqual({
      name: 'note',
    });
    raw.close();
  });

  it('refuses a migration list with a gap and a database newer than the app', () => {
    directory = temporaryDirectory('history');
    const file = path.join(directory.path, 'history.db');
    expect(() => open(file, [...migrations, { ...extra, version: next + 1 }])).toThrow(
      new RegExp(`has version ${next + 1}; expected ${next}`),
    );
    open(file, [...migrations, extra]).close();
    expect(() => open(file)).toThrow(/newer than this app/);
  });

  it('numbers the shipped migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });
});
