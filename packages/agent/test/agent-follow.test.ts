import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import type { AgentEvent } from '../src/common/events';
import { TemporalDevServer } from '../src/dev-server/temporal-dev-server';
import { startDemoModel } from '../src/llm/demo-model';
import { reduceRunEvents } from '../src/runs/apply-run-event';
import type { FollowState } from '../src/runs/followed-run';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import type { RunEntry } from '../src/runs/run-journal';
import { answerText } from '../src/runs/run-view';
import { calculator } from '../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { OwnTemporal } from './support/own-temporal';
import { uniqueTaskQueue } from './support/unique-task-queue';
import { useCleanups } from './support/use-cleanups';
import { WorkerProcess } from './support/worker-process';

const PROMPT = 'What is 12 * 7?';
const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
const defer = useCleanups();

/** Resolves with the first state `onState` reports that is of `kind`. */
function stateOf(kind: FollowState['kind']) {
  let resolve!: (state: FollowState) => void;
  const reached = new Promise<FollowState>((done) => {
    resolve = done;
  });
  return {
    reached,
    onState: (state: FollowState) => {
      if (state.kind === kind) resolve(state);
    },
  };
}

/** A recorded run of the fixture's Temporal, finished there. */
async function recordRun(agent: Agent): Promise<{ entry: RunEntry; text: string }> {
  const journal = new InMemoryRunJournal();
  const followed = await agent.submit(PROMPT, { journal });
  const ending = await followed.done;
  return { entry: followed.entry, text: ending!.result.text };
}

describe('Agent.follow of a recorded run', () => {
  it('follows a finished run again and hands its ending to the new journal once', async () => {
    fixture = await createAgentFixture();
    const { entry, text } = await recordRun(fixture.agent);
    const journal = new InMemoryRunJournal();
    journal.record(entry);

    const followed = fixture.agent.follow(entry, journal);
    const ending = await followed.done;

    expect(ending?.result.status).toBe('completed');
    expect(ending?.result.text).toBe(text);
    expect(answerText(followed.view)).toBe(text);
    expect(journal.get(entry.id)?.finishes).toBe(1);
    expect(journal.unfinished()).toEqual([]);
  });

  it('resumes from a saved view: only the events after it are read, and the view is the same', async () => {
    fixture = await createAgentFixture({ tools: [calculator] });
    const events: AgentEvent[] = [];
    const submitted = await fixture.agent.submit(PROMPT, {
      journal: new InMemoryRunJournal(),
      follow: { onEvent: (event) => events.push(event) },
    });
    const whole = (await submitted.done).view;
    const cut = whole.milestones.find((milestone) => milestone.kind === 'tool-result')!.seq;
    const saved = reduceRunEvents(events.filter((event) => event.seq <= cut));
    const read: number[] = [];

    const resumed = fixture.agent.follow(submitted.entry, new InMemoryRunJournal(), {
      from: saved,
      onEvent: (event) => read.push(event.seq),
    });
    const ending = await resumed.done;

    expect(read[0]).toBe(cut + 1);
    expect(ending?.view).toEqual(whole);
  });

  it('stops following when its agent closes: progress kept, no ending; following again finishes it', async () => {
    fixture = await createAgentFixture({ pace: 100 });
    const closing = await fixture.createAgent();
    const journal = new InMemoryRunJournal();
    let resolveText!: () => void;
    const firstText = new Promise<void>((resolve) => {
      resolveText = resolve;
    });

    const followed = await closing.submit(TRAVEL_PLAN, {
      journal,
      follow: { onEvent: (_event, view) => answerText(view) !== '' && resolveText() },
    });
    await firstText;
    await closing.close();

    expect(followed.state.kind).toBe('stopped');
    await expect(followed.done).rejects.toMatchObject({ code: 'following-stopped' });
    const saved = journal.get(followed.id)!;
    expect(saved.ending).toBeUndefined();
    expect(answerText(saved.view!)).not.toBe('');

    const ending = await fixture.agent.follow(saved.entry, journal, { from: saved.view }).done;

    expect(ending?.result.status).toBe('completed');
    expect(answerText(ending!.view)).toBe(ending?.result.text);
    expect(journal.get(followed.id)?.finishes).toBe(1);
  });

  it('says "not found" is final on the Temporal the run was recorded with: the run ends as failed', async () => {
    fixture = await createAgentFixture();
    const conversationId = randomUUID();
    const runId = randomUUID();
    const entry: RunEntry = {
      id: fixture.agent.workflowIdFor(conversationId, runId),
      runId,
      conversationId,
      temporal: await fixture.agent.identity(),
      prompt: PROMPT,
    };
    const journal = new InMemoryRunJournal();
    journal.record(entry);

    const ending = await fixture.agent.follow(entry, journal).done;

    expect(ending?.result.status).toBe('failed');
    expect(ending?.result.error?.code).toBe('run-not-found');
    expect(journal.get(entry.id)?.finishes).toBe(1);
  });
});

describe('Agent.follow of a run recorded on another Temporal', () => {
  it('waits for that Temporal without finishing the run, and finishes it once pointed back there', async () => {
    fixture = await createAgentFixture();
    const { entry, text } = await recordRun(fixture.agent);
    const other = await TemporalDevServer.start({ port: 0, headless: true });
    defer(() => other.stop());
    const elsewhere = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { address: other.address },
    });
    defer(() => elsewhere.close());
    expect((await elsewhere.identity()).namespaceId).toBeDefined();
    expect((await elsewhere.identity()).namespaceId).not.toBe(entry.temporal.namespaceId);
    const journal = new InMemoryRunJournal();
    journal.record(entry);
    const waiting = stateOf('other-temporal');

    const stranded = elsewhere.follow(entry, journal, { onState: waiting.onState });
    const state = await waiting.reached;

    expect(state.kind === 'other-temporal' && state.message).toContain(entry.temporal.address);
    expect(stranded.state.kind).toBe('other-temporal');
    await expect(stranded.cancel()).rejects.toMatchObject({ code: 'temporal-unreachable' });
    await stranded.stop();
    await expect(stranded.done).rejects.toMatchObject({ code: 'following-stopped' });
    expect(journal.get(entry.id)?.ending).toBeUndefined();
    expect(journal.unfinished()).toEqual([entry]);

    const home = await fixture.agent.follow(entry, journal).done;

    expect(home?.result.status).toBe('completed');
    expect(home?.result.text).toBe(text);
    expect(journal.get(entry.id)?.finishes).toBe(1);
  });

  it('tells a server started on the same address with another database from the one the run was submitted to', async () => {
    const temporal = await OwnTemporal.start();
    defer(() => temporal.close());
    const model = await startDemoModel();
    defer(() => model.close());
    const taskQueue = uniqueTaskQueue('other-temporal');
    const worker = await WorkerProcess.start(taskQueue, model.baseURL, temporal.address);
    defer(() => worker.kill());
    const connect = async () => {
      const agent = await Agent.create({
        name: 'assistant',
        taskQueue,
        temporal: { address: temporal.address },
      });
      defer(() => agent.close());
      return agent;
    };
    const { entry, text } = await recordRun(await connect());
    const journal = new InMemoryRunJournal();
    journal.record(entry);

    await temporal.stop();
    await temporal.restart('someone-else');
    const waiting = stateOf('other-temporal');
    const stranded = (await connect()).follow(entry, journal, { onState: waiting.onState });
    await waiting.reached;
    await stranded.stop();
    expect(journal.get(entry.id)?.ending).toBeUndefined();

    await temporal.stop();
    await temporal.restart();
    const home = await (await connect()).follow(entry, journal).done;

    expect(home?.result.text).toBe(text);
    expect(journal.get(entry.id)?.finishes).toBe(1);
  });
});
