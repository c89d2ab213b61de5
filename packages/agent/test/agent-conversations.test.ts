import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryConversationStore } from '../src/conversations/in-memory-conversation-store';
import { SqliteConversationStore } from '../src/conversations/sqlite-conversation-store';
import { answerText, reduceRunEvents } from '../src/runs';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const FOLLOW_UP = 'What was the first destination in that plan?';

let fixture: AgentFixture | undefined;
let client: ChildProcess | undefined;
afterEach(async () => {
  client?.kill('SIGKILL');
  client = undefined;
  await fixture?.close();
  fixture = undefined;
});

const temporaryFile = (name: string) =>
  path.join(mkdtempSync(path.join(os.tmpdir(), 'durable-agent-')), name);

describe('conversations', () => {
  for (const [kind, makeStore] of [
    ['InMemoryConversationStore', () => new InMemoryConversationStore()],
    ['SqliteConversationStore', () => new SqliteConversationStore(temporaryFile('conversations.db'))],
  ] as const) {
    it(`${kind}: the transcript goes into the next run, and each run is appended exactly once, by its journal`, async () => {
      const conversations = makeStore();
      fixture = await createAgentFixture({ agent: { conversations } });
      const run = await fixture.agent.stream(TRAVEL_PLAN, { conversationId: 'trip' });
      // Reading a result stores nothing, however often: the journal a run is followed into is the one sink.
      await run.result();
      await run.result();
      expect(await conversations.load('trip')).toEqual([]);
      const journal = new InMemoryRunJournal();
      const ending = await fixture.agent.settle(run, journal);
      expect(ending.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
      expect(ending.messages[0]?.content).toBe(TRAVEL_PLAN);
      expect((await conversations.load('trip')).length).toBe(2);
      // Followed again (as after a crash before the journal heard of the ending): stored once still.
      const again = fixture.agent.follow(journal.get(run.id)!.entry, journal);
      await again.done;
      expect(journal.get(run.id)?.finishes).toBe(2);
      expect(await conversations.appendRun('trip', run.runId, [])).toBe(false);
      const followUp = await fixture.agent.run(FOLLOW_UP, { conversationId: 'trip' });
      expect(followUp.text).toBe('The first destination in that plan was Tokyo.');
      const stored = await conversations.load('trip');
      expect(stored.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      const fresh = await fixture.agent.run(FOLLOW_UP, { conversationId: 'other' });
      expect(fresh.text).toBe("I don't have context of a previous plan. Could you clarify?");
    });
  }

  it('finishes a run whose client was killed mid-stream; a new client attaches, replays from a seq and stores it once', async () => {
    fixture = await createAgentFixture({ pace: 60 });
    const database = temporaryFile('conversations.db');
    client = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'agent-client-process.cjs')], {
      env: {
        ...process.env,
        AGENT_TASK_QUEUE: fixture.taskQueue,
        TEMPORAL_ADDRESS: temporalAddress(),
        CONVERSATIONS_DB: database,
        PROMPT: TRAVEL_PLAN,
        CONVERSATION_ID: 'crashed',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    client.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(
      () => (output.match(/^delta /gm) ?? []).length >= 3,
      () => output,
    );
    client.kill('SIGKILL');
    const runId = /^run (\S+)$/m.exec(output)?.[1];
    expect(runId).toBeTruthy();

    const conversations = new SqliteConversationStore(database);
    const agent = await fixture.createAgent({ conversations });
    const attached = await agent.attach(runId!);
    const replay = await collectEvents(attached.events({ fromSeq: 2 }));
    // The log from seq 2; text read live carries the seq of the log event before it (at least 1).
    expect(replay.find((event) => !event.live)?.seq).toBe(2);
    expect(replay.every((event) => event.seq >= 1)).toBe(true);
    expect(replay.at(-1)?.type).toBe('RUN_FINISHED');
    const { result } = await agent.settle(attached);
    const full = reduceRunEvents(await collectEvents(attached.events()));
    expect(result.text).toBe(answerText(full));
    expect(result.text).toContain('Day 7');
    expect(fixture.model.requestCount).toBe(1);

    await agent.settle(await agent.attach(runId!));
    const stored = await conversations.load('crashed');
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(stored[0]?.content).toBe(TRAVEL_PLAN);
  });
});

async function waitFor(condition: () => boolean, describe: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
