import { TaskState } from '@a2a-js/sdk';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { a2aClient, COMPLETED, TaskStreamView, textOf, userText } from './support/a2a-client';
import { useServeScenarios } from './support/serve-process';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const scenarios = useServeScenarios();

describe('durable-agent serve: A2A tasks through crashes', () => {
  it('a worker killed -9 mid-task: the task still completes, once, its text not duplicated', async () => {
    const { scenario, worker, serve } = await scenarios.serveWithWorker(40, ['--heartbeat-timeout', '8s']);
    const client = await a2aClient(serve);

    const view = new TaskStreamView();
    let killed: Promise<void> | undefined;
    for await (const event of client.sendMessageStream(userText(TRAVEL_PROMPT))) {
      view.apply(event);
      if (killed === undefined && view.answer.includes('Day 1: Arrive in Tokyo')) {
        killed = worker.kill().then(async () => {
          scenario.model.setPace(400);
          await scenario.startWorker();
        });
      }
    }
    await killed;

    expect(view.finalState).toBe(COMPLETED);
    expect(view.answer).toBe(travelPlan);
    // The retry replaced the lost attempt's text (append: false) instead of adding to it.
    const replaced = view.chunks.slice(1).filter((chunk) => !chunk.append);
    expect(replaced.length).toBeGreaterThanOrEqual(1);
    const task = await client.getTask({ tenant: '', id: view.taskId });
    expect(task.status?.state).toBe(COMPLETED);
    expect(task.artifacts.map((artifact) => textOf(artifact.parts))).toEqual([travelPlan]);
    await expect
      .poll(() => scenario.storedConversation(view.contextId), { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({ role: 'user', content: TRAVEL_PROMPT }),
        expect.objectContaining({ role: 'assistant', content: travelPlan }),
      ]);
  }, 180_000);

  it('a dropped stream, then tasks/subscribe: the task continues where it was, no text twice', async () => {
    const { serve } = await scenarios.serveWithWorker(60);
    const client = await a2aClient(serve);

    const view = new TaskStreamView();
    const dropped = new AbortController();
    await expect(
      (async () => {
        for await (const event of client.sendMessageStream(userText(TRAVEL_PROMPT), {
          signal: dropped.signal,
        })) {
          view.apply(event);
          if (view.answer.includes('Day 1: Arrive in Tokyo')) dropped.abort();
        }
      })(),
    ).rejects.toThrow();
    const before = view.answer;
    expect(before.length).toBeGreaterThan(0);
    expect(view.finalState).toBe(TaskState.TASK_STATE_WORKING);

    const resumed = new TaskStreamView();
    for await (const event of client.resubscribeTask({ tenant: '', id: view.taskId })) {
      view.apply(event);
      resumed.apply(event);
    }
    expect(resumed.events[0]?.payload?.$case).toBe('task');
    expect(resumed.taskId).toBe(view.taskId);
    expect(resumed.chunks[0]?.append).toBe(false);
    expect(resumed.finalState).toBe(COMPLETED);
    expect(view.answer).toBe(travelPlan);
    expect(resumed.answer).toBe(travelPlan);
  }, 120_000);
});
