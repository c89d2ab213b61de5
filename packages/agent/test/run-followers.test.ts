import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import type { FollowOptions } from '../src/runs/follow-options';
import type { FollowedRun } from '../src/runs/followed-run';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { RunFollowers } from '../src/runs/run-followers';
import { answerText } from '../src/runs/run-view';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';

const PROMPT = 'What is 12 * 7?';
const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

let fixture: AgentFixture | undefined;
let followers: RunFollowers | undefined;
afterEach(async () => {
  await followers?.stopAll();
  followers = undefined;
  await fixture?.close();
  fixture = undefined;
});

/** A new run of a conversation, submitted by `start` into `journal` with the follower's options. */
function submitting(fixture: AgentFixture, prompt: string, journal = new InMemoryRunJournal()) {
  const key = { runId: randomUUID(), conversationId: randomUUID() };
  const start = (options: FollowOptions): Promise<FollowedRun> =>
    fixture.agent.submit(prompt, { ...key, journal, follow: options });
  return { key, start, journal };
}

/** Resolves once `follower`'s run has shown its first event. */
function firstEvent() {
  let arrived!: () => void;
  const seen = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  return { seen, onEvent: () => arrived() };
}

describe('RunFollowers', () => {
  it('follows a run to its ending, hands its events on in batches before `done`, and then forgets it', async () => {
    fixture = await createAgentFixture();
    followers = new RunFollowers();
    const { key, start, journal } = submitting(fixture, PROMPT);
    const applied: number[] = [];
    const batches: number[][] = [];
    const milestones: string[] = [];
    const phases: string[] = [];
    const ended: string[] = [];
    const follower = followers.follow(key, start, {
      onEvent: (event) => applied.push(event.seq),
      onMilestone: (milestone) => milestones.push(milestone.kind),
      onChange: (view) => phases.push(view.phase),
      // A window longer than the run: the one batch is the flush at its ending.
      eventBatchMs: 600_000,
      onEvents: (events: readonly AgentEvent[]) => batches.push(events.map((event) => event.seq)),
      onEnded: (ending) => ended.push(ending.result.status),
    });
    expect(followers.has(key.runId)).toBe(true);

    const ending = await follower.done;

    expect(ending?.result.status).toBe('completed');
    expect(answerText(follower.view)).toBe(ending?.result.text);
    expect(batches).toEqual([applied]);
    expect(ended).toEqual(['completed']);
    expect(applied.length).toBeGreaterThan(3);
    // Each milestone once, in order; a list of runs is told of the phases, the last one being the ending.
    expect(milestones).toEqual(ending?.view.milestones.map((milestone) => milestone.kind));
    expect(milestones).toContain('attempt-started');
    expect(phases.at(-1)).toBe('completed');
    expect(phases.length).toBeLessThan(applied.length);
    expect(follower.active).toBe(false);
    expect(followers.has(key.runId)).toBe(false);
    expect(journal.get(fixture.agent.workflowIdFor(key.conversationId, key.runId))?.finishes).toBe(1);
  });

  it('acts on a run by its id, and says why it cannot: not found, ended, or Temporal not reached yet', async () => {
    fixture = await createAgentFixture({ pace: 40 });
    const ended = new Set<string>();
    followers = new RunFollowers({ isKnown: (runId) => ended.has(runId) });
    const { key, start } = submitting(fixture, TRAVEL_PLAN);
    let begin!: () => void;
    const gate = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const { seen, onEvent } = firstEvent();
    const follower = followers.follow(
      key,
      async (options) => {
        await gate;
        return start(options);
      },
      { onEvent },
    );

    const cancel = (run: FollowedRun) => run.cancel();
    await expect(followers.act(key.runId, cancel)).rejects.toMatchObject({ code: 'temporal-unreachable' });
    await expect(followers.act('missing', cancel)).rejects.toMatchObject({ code: 'run-not-found' });
    await expect(followers.cancel('missing')).rejects.toMatchObject({ code: 'run-not-found' });

    begin();
    await follower.started;
    await seen;
    await expect(
      followers.act(key.runId, (run) => run.approve('no-such-call', { approved: true })),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await followers.cancel(key.runId);
    const ending = await follower.done;
    expect(ending?.result.status).toBe('cancelled');

    ended.add(key.runId);
    await expect(followers.act(key.runId, cancel)).rejects.toMatchObject({ code: 'run-ended' });
    await expect(followers.cancel(key.runId)).resolves.toBeUndefined();
  });

  it('forgets a run whose start failed: `started` rejects with its error, `done` resolves without an ending', async () => {
    followers = new RunFollowers();
    const refused = new Error('the prompt was refused');
    const follower = followers.follow({ runId: 'refused', conversationId: 'c' }, async () => {
      throw refused;
    });

    await expect(follower.started).rejects.toBe(refused);
    await expect(follower.done).resolves.toBeUndefined();
    expect(followers.has('refused')).toBe(false);
    await expect(followers.act('refused', async () => undefined)).rejects.toMatchObject({
      code: 'run-not-found',
    });
  });

  it('refuses to follow a run it follows already, and follows it again once the first follower is gone', async () => {
    followers = new RunFollowers();
    const key = { runId: 'twice', conversationId: 'c' };
    let fail!: (error: Error) => void;
    const first = followers.follow(
      key,
      () =>
        new Promise<FollowedRun>((_, reject) => {
          fail = reject;
        }),
    );
    const again = async (): Promise<FollowedRun> => {
      throw new Error('followed again');
    };
    expect(() => followers!.follow(key, again)).toThrow('run "twice" is already followed here');
    fail(new Error('the first follower failed to begin'));
    await expect(first.started).rejects.toThrow('the first follower failed to begin');
    await first.done;
    expect(followers.has('twice')).toBe(false);
    await expect(followers.follow(key, again).started).rejects.toThrow('followed again');
  });

  it('stops following every run without ending it; following it again from its view stores its ending once', async () => {
    fixture = await createAgentFixture({ pace: 40 });
    followers = new RunFollowers();
    const { key, start, journal } = submitting(fixture, TRAVEL_PLAN);
    const { seen, onEvent } = firstEvent();
    const first = followers.follow(key, start, { onEvent });
    await first.started;
    await seen;

    await followers.stopAll();

    await expect(first.done).resolves.toBeUndefined();
    expect(followers.has(key.runId)).toBe(false);
    const entry = journal.unfinished()[0]!;
    const again = followers.follow(key, (options) => fixture!.agent.follow(entry, journal, options), {
      from: first.view,
    });
    await followers.idle();
    const ending = await again.done;
    expect(ending?.result.status).toBe('completed');
    expect(answerText(again.view)).toBe(ending?.result.text);
    expect(journal.get(entry.id)?.finishes).toBe(1);
  });

  it('cancels and stops the runs of one conversation, leaving the others followed', async () => {
    fixture = await createAgentFixture({ pace: 40 });
    followers = new RunFollowers();
    const doomed = submitting(fixture, TRAVEL_PLAN);
    const kept = submitting(fixture, PROMPT);
    const { seen, onEvent } = firstEvent();
    const forgotten = followers.follow(doomed.key, doomed.start, { onEvent });
    const other = followers.follow(kept.key, kept.start);
    await forgotten.started;
    await seen;

    await followers.forgetConversation(doomed.key.conversationId);

    expect(followers.has(doomed.key.runId)).toBe(false);
    expect((await other.done)?.result.status).toBe('completed');
    const { conversationId, runId } = doomed.key;
    const cancelled = await fixture.agent.attach(fixture.agent.workflowIdFor(conversationId, runId));
    expect((await cancelled.result()).status).toBe('cancelled');
  });
});
