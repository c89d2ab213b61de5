import type { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRunOutput } from '../../src/common/types';
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

async function waitForLastRun(id: string, count = 1) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const schedule = (await fixture!.agent.schedules().list()).find((each) => each.id === id);
    const handle = temporal!.client.schedule.getHandle(id);
    const actions = (await handle.describe()).info.recentActions;
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
    expect(fired.lastRunWorkflowId).toMatch(/^assistant\/morning-news\//);
    const output = (await temporal.client.workflow
      .getHandle(fired.lastRunWorkflowId!)
      .result()) as AgentRunOutput;
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
});
