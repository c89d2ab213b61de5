import type { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSchedule } from '../../src/client/describe-schedule';
import type { AgentRunOutput } from '../../src/common/types';
import { InMemoryConversationStore } from '../../src/conversations/in-memory-conversation-store';
import { type AgentFixture, createAgentFixture } from '../support/agent-fixture';
import { connectClient } from '../support/temporal-connection';

let fixture: AgentFixture | undefined;
let temporal: { client: Client; connection: Connection } | undefined;
const created: string[] = [];

afterEach(async () => {
  const schedules = fixture?.agent.schedules();
  for (const id of created.splice(0)) await schedules?.delete(id).catch(() => undefined);
  await fixture?.close();
  fixture = undefined;
  await temporal?.connection.close();
});

/** The output of a run, once it has started and ended. */
async function outputOf(workflowId: string): Promise<AgentRunOutput> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return (await temporal!.client.workflow.getHandle(workflowId).result()) as AgentRunOutput;
    } catch (error) {
      if (Date.now() > deadline || !(error instanceof Error) || error.name !== 'WorkflowNotFoundError')
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Waits until the schedules of the fixture's agent have run `count` times in the conversation, to their ends. */
async function waitForFiredRuns(conversationId: string, count: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const runs = await fixture!.agent.schedules().firedRuns(conversationId);
    if (runs.length >= count && runs.slice(0, count).every((run) => !run.running))
      return runs.slice(0, count);
    if (Date.now() > deadline)
      throw new Error(`${conversationId} did not get ${count} finished scheduled run(s)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForLastRun(id: string, count = 1) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const schedule = (await fixture!.agent.schedules().list()).find((each) => each.id === id);
    const handle = temporal!.client.schedule.getHandle(id);
    const actions = (await describeSchedule(handle)).info.recentActions;
    if (schedule?.lastRunWorkflowId && actions.length >= count) return schedule;
    if (Date.now() > deadline) throw new Error(`schedule ${id} did not fire ${count} time(s)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('AgentSchedules', () => {
  it('runs the prompt on a Temporal Schedule every 5s, in the given conversation, and lists, pauses and deletes it', async () => {
    fixture = await createAgentFixture();
    temporal = await connectClient();
    const schedules = fixture.agent.schedules();
    const schedule = await schedules.create(
      { every: '5s' },
      { prompt: 'Hello!', conversationId: 'morning-news' },
    );
    created.push(schedule.id);
    expect(schedule).toMatchObject({
      prompt: 'Hello!',
      conversationId: 'morning-news',
      timing: { every: '5s' },
      paused: false,
    });
    expect(schedule.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);

    const fired = await waitForLastRun(schedule.id);
    expect(fired.lastRunWorkflowId).toMatch(/^assistant\/morning-news\/scheduled-/);
    const output = await outputOf(fired.lastRunWorkflowId!);
    expect(output.result.status).toBe('completed');
    expect(output.result.text).toBe('Hello! How can I help you today?');

    await schedules.pause(schedule.id);
    expect((await schedules.list()).find((each) => each.id === schedule.id)?.paused).toBe(true);
    await schedules.trigger(schedule.id);
    await waitForLastRun(schedule.id, 2);
    await schedules.unpause(schedule.id);
    expect((await schedules.list()).find((each) => each.id === schedule.id)?.paused).toBe(false);

    await schedules.delete(schedule.id);
    expect((await schedules.list()).map((each) => each.id)).not.toContain(schedule.id);
  }, 120_000);

  it('runs each firing in the conversation as it is then: the second firing sees the first one’s answer, and all land in the store once', async () => {
    const conversations = new InMemoryConversationStore();
    fixture = await createAgentFixture({ agent: { conversations } });
    temporal = await connectClient();
    const schedules = fixture.agent.schedules();
    const schedule = await schedules.create({ every: '3s' }, { prompt: 'What did I ask you first?' });
    created.push(schedule.id);

    const [first, second] = await waitForFiredRuns(schedule.conversationId, 2);
    await schedules.pause(schedule.id);
    expect(first!.runId).toMatch(/^scheduled-\d{4}-\d\d-\d\dT[\d:]+Z-[0-9a-f-]{36}$/);
    expect(second!.id).not.toBe(first!.id);
    expect((await outputOf(first!.id)).result.text).toBe('This is the first thing you asked me.');
    expect((await outputOf(second!.id)).result.text).toBe('You first asked: "What did I ask you first?"');

    expect((await schedules.storeFiredRuns(schedule.conversationId)).length).toBeGreaterThanOrEqual(2);
    await schedules.storeFiredRuns(schedule.conversationId); // looking twice stores nothing twice
    expect(await schedules.storeFiredRuns(schedule.conversationId, () => true)).toEqual([]);
    const stored = await conversations.load(schedule.conversationId);
    expect(stored.slice(0, 4)).toEqual([
      { role: 'user', content: 'What did I ask you first?' },
      { role: 'assistant', content: 'This is the first thing you asked me.' },
      { role: 'user', content: 'What did I ask you first?' },
      { role: 'assistant', content: 'You first asked: "What did I ask you first?"' },
    ]);
    expect(stored.filter((message) => message.role === 'user').length).toBe(
      (await schedules.firedRuns(schedule.conversationId)).filter((run) => !run.running).length,
    );
  }, 180_000);

  it('sees the turns the user added to the conversation after the schedule was made', async () => {
    const conversations = new InMemoryConversationStore();
    fixture = await createAgentFixture({ agent: { conversations } });
    temporal = await connectClient();
    const schedules = fixture.agent.schedules();
    const schedule = await schedules.create(
      { every: '1h' },
      { prompt: 'What is my name?', conversationId: `names-${Date.now()}` },
    );
    created.push(schedule.id);
    await fixture.agent.run('My name is Ada.', { conversationId: schedule.conversationId });

    await schedules.trigger(schedule.id);
    const [run] = await waitForFiredRuns(schedule.conversationId, 1);
    expect((await outputOf(run!.id)).result.text).toBe('Your name is Ada.');
  }, 120_000);

  it('fires while no worker runs: the firing waits in the queue and its run is answered once a worker starts', async () => {
    fixture = await createAgentFixture({ worker: false });
    temporal = await connectClient();
    const schedules = fixture.agent.schedules();
    const schedule = await schedules.create(
      { every: '1h' },
      { prompt: 'Hello!', conversationId: `no-worker-${Date.now()}` },
    );
    created.push(schedule.id);
    await schedules.trigger(schedule.id);
    await waitForLastRun(schedule.id);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await schedules.firedRuns(schedule.conversationId)).toEqual([]); // nothing ran it yet

    await fixture.startWorker();
    const [run] = await waitForFiredRuns(schedule.conversationId, 1);
    expect((await outputOf(run!.id)).result.text).toBe('Hello! How can I help you today?');
  }, 120_000);

  it('takes a cron expression and says when it fires next', async () => {
    fixture = await createAgentFixture();
    temporal = await connectClient();
    const schedule = await fixture.agent
      .schedules()
      .create({ cron: '0 8 * * *' }, { prompt: 'Write a short morning summary.' });
    created.push(schedule.id);
    expect(schedule.timing).toEqual({ cron: '0 8 * * *' });
    expect(schedule.nextRunAt!.getUTCHours()).toBe(8);
    expect(schedule.nextRunAt!.getUTCMinutes()).toBe(0);
  }, 60_000);

  it('lists its schedules while another program deletes some: those deleted meanwhile are left out, not an error', async () => {
    fixture = await createAgentFixture();
    const schedules = fixture.agent.schedules();
    const kept = await schedules.create({ cron: '0 8 * * *' }, { prompt: 'Write a short morning summary.' });
    created.push(kept.id);
    const deleted = await Promise.all(
      Array.from({ length: 10 }, () =>
        schedules.create({ cron: '0 9 * * *' }, { prompt: 'Check the inbox.' }),
      ),
    );
    created.push(...deleted.map((each) => each.id));
    await waitUntilListed(deleted.map((each) => each.id));
    // The list names them all; each is described in turn while they are deleted one by one.
    const [listed] = await Promise.all([
      schedules.list(),
      (async () => {
        for (const each of deleted) await schedules.delete(each.id);
      })(),
    ]);
    expect(listed.map((each) => each.id)).toContain(kept.id);
    const ids = (await schedules.list()).map((each) => each.id);
    expect(ids).toContain(kept.id);
    for (const each of deleted) expect(ids).not.toContain(each.id);
  }, 90_000);
});

async function waitUntilListed(ids: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const listed = new Set((await fixture!.agent.schedules().list()).map((each) => each.id));
    if (ids.every((id) => listed.has(id))) return;
    if (Date.now() > deadline) throw new Error(`schedules ${ids.join(', ')} were never all listed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
