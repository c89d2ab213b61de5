import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { ConversationDetail, WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';
import { workflowInput } from './support/workflow-input';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let host: Host | undefined;
const schedules: string[] = [];

afterEach(async () => {
  for (const scheduleId of schedules.splice(0))
    await host?.handlers.deleteSchedule({ scheduleId }).catch(() => undefined);
  await host?.close();
  host = undefined;
  directory?.remove();
  directory = undefined;
});

const scheduledRuns = (detail: ConversationDetail) =>
  detail.runs.filter((run) => run.id.startsWith('scheduled-'));

describe('Host schedules', () => {
  it('stores each run a schedule fired once in the app’s history, as a turn of its conversation that sees the earlier ones', async () => {
    directory = temporaryDirectory('schedules');
    writeSettings(directory.path, testSettings());
    ({ host } = await createTestHost(directory.path, { scheduleCheckIntervalMs: 500 }));
    await host.started;
    await waitUntil(
      async () =>
        (await host!.handlers.listWorkers()).find((each: WorkerInfo) => each.status.state === 'ready'),
      'a ready worker',
      90_000,
    );
    const sent = await host.handlers.sendMessage({ text: 'My name is Ada.' });
    await host.idle();
    const conversationId = sent.conversation.id;

    const schedule = await host.handlers.createSchedule({
      prompt: 'What is my name?',
      every: '3s',
      conversationId,
    });
    schedules.push(schedule.id);
    expect(schedule).toMatchObject({ conversationId, paused: false, timing: { every: '3s' } });
    expect((await host.handlers.listSchedules()).map((each) => each.id)).toContain(schedule.id);

    await waitUntil(
      async () => {
        const runs = scheduledRuns(await host!.handlers.loadConversation({ conversationId }));
        return runs.length >= 2 && runs.slice(0, 2).every((run) => run.endedAt !== undefined);
      },
      'two finished scheduled runs in the conversation',
      120_000,
    );
    await host.handlers.pauseSchedule({ scheduleId: schedule.id });
    expect((await host.handlers.listSchedules()).find((each) => each.id === schedule.id)?.paused).toBe(true);
    // A firing in flight when paused lands too; then looking again, twice at once, adds nothing.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await host.importFiredRuns();
    await host.idle();
    const before = await host.handlers.loadConversation({ conversationId });
    await Promise.all([host.importFiredRuns(), host.importFiredRuns(), host.handlers.listSchedules()]);
    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId });
    const runs = scheduledRuns(detail);
    expect(runs.length).toBe(scheduledRuns(before).length);
    expect(detail.messages).toHaveLength(2 + 2 * runs.length);
    expect(detail.messages.slice(0, 6).map((message) => message.text)).toEqual([
      'My name is Ada.',
      'Nice to meet you, Ada!',
      'What is my name?',
      'Your name is Ada.',
      'What is my name?',
      'Your name is Ada.',
    ]);
    const second = await workflowInput(runs[1]!.workflowId);
    expect(second.messages.map((message) => message.content)).toEqual([
      'My name is Ada.',
      'Nice to meet you, Ada!',
      'What is my name?',
      'Your name is Ada.',
      'What is my name?',
    ]);

    await host.handlers.resumeSchedule({ scheduleId: schedule.id });
    await host.handlers.deleteSchedule({ scheduleId: schedule.id });
    expect((await host.handlers.listSchedules()).map((each) => each.id)).not.toContain(schedule.id);
  }, 240_000);

  it('gives a schedule made without a conversation its own, titled with the prompt, and refuses an unknown one', async () => {
    directory = temporaryDirectory('schedules');
    writeSettings(directory.path, testSettings());
    ({ host } = await createTestHost(directory.path, { initialWorkers: 0 }));
    await host.started;
    const schedule = await host.handlers.createSchedule({
      prompt: 'Write a short morning summary.',
      cron: '0 8 * * *',
    });
    schedules.push(schedule.id);
    expect(schedule.timing).toEqual({ cron: '0 8 * * *' });
    expect(new Date(schedule.nextRunAt!).getUTCHours()).toBe(8);
    const conversation = (await host.handlers.listConversations()).find(
      (each) => each.id === schedule.conversationId,
    );
    expect(conversation?.title).toBe('Write a short morning summary.');
    await expect(
      host.handlers.createSchedule({ prompt: 'Hi', every: '1h', conversationId: 'no-such-conversation' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  }, 60_000);
});
