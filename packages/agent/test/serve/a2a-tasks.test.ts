import { TaskState } from '@a2a-js/sdk';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { a2aClient, baseUrlOf, COMPLETED, TaskStreamView, textOf, userText } from './support/a2a-client';
import { startServe, useServeScenarios } from './support/serve-process';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const scenarios = useServeScenarios();

describe('durable-agent serve: A2A tasks with the @a2a-js/sdk client', () => {
  it('serves an A2A 1.0 agent card naming the JSON-RPC endpoint, with streaming', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const serve = await startServe(scenario);
    const response = await fetch(`${baseUrlOf(serve)}/.well-known/agent-card.json`);
    expect(response.status).toBe(200);
    const card = await response.json();
    expect(card).toMatchObject({
      name: 'durable-agent',
      supportedInterfaces: [
        { url: `${baseUrlOf(serve)}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      ],
      capabilities: { streaming: true },
    });
    expect(serve.process.stdout).toContain(`A2A endpoint: ${baseUrlOf(serve)}/a2a`);
  }, 120_000);

  it('message/send runs the task to completion; tasks/get answers it from a new serve process', async () => {
    const { scenario, serve } = await scenarios.serveWithWorker(0);
    const client = await a2aClient(serve);

    const task = await client.sendMessage(userText('What is 12*7?'));
    expect('id' in task).toBe(true);
    if (!('id' in task)) return;
    expect(task.status?.state).toBe(COMPLETED);
    expect(textOf(task.status?.message?.parts ?? [])).toBe('The result is 84.');
    expect(task.id).toBe(`durable-agent/${task.contextId}/${task.id.split('/')[2]}`);

    await serve.process.kill();
    const again = await startServe(scenario);
    const read = await (await a2aClient(again)).getTask({ tenant: '', id: task.id });
    expect(read.status?.state).toBe(COMPLETED);
    expect(read.contextId).toBe(task.contextId);
    expect(read.artifacts.map((artifact) => textOf(artifact.parts))).toContain('The result is 84.');
  }, 120_000);

  it('message/stream streams the answer in chunks, in order, then a final completed status', async () => {
    const { serve } = await scenarios.serveWithWorker(300);
    const client = await a2aClient(serve);

    const view = new TaskStreamView();
    for await (const event of client.sendMessageStream(userText(TRAVEL_PROMPT))) view.apply(event);

    expect(view.events[0]?.payload?.$case).toBe('task');
    expect(view.chunks.length).toBeGreaterThan(3);
    expect(view.chunks.slice(1).every((chunk) => chunk.append)).toBe(true);
    expect(view.chunks.map((chunk) => chunk.text).join('')).toBe(travelPlan);
    expect(view.answer).toBe(travelPlan);
    expect(view.states).toEqual([
      TaskState.TASK_STATE_SUBMITTED,
      TaskState.TASK_STATE_WORKING,
      TaskState.TASK_STATE_COMPLETED,
    ]);
    const last = view.events.at(-1)?.payload;
    expect(last?.$case === 'statusUpdate' && textOf(last.value.status?.message?.parts ?? [])).toBe(
      travelPlan,
    );
  }, 120_000);

  it('tasks/cancel stops a running task: canceled, its partial text kept', async () => {
    const { serve } = await scenarios.serveWithWorker(20);
    const client = await a2aClient(serve);

    const view = new TaskStreamView();
    let canceled: ReturnType<typeof client.cancelTask> | undefined;
    for await (const event of client.sendMessageStream(userText(TRAVEL_PROMPT))) {
      view.apply(event);
      if (canceled === undefined && view.answer.length > 20) {
        canceled = client.cancelTask({ tenant: '', id: view.taskId, metadata: undefined });
      }
    }
    const task = await canceled!;
    expect(task.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect(view.finalState).toBe(TaskState.TASK_STATE_CANCELED);
    const kept = textOf(task.artifacts[0]?.parts ?? []);
    expect(kept.length).toBeGreaterThan(20);
    expect(travelPlan.startsWith(kept)).toBe(true);
    await expect(client.cancelTask({ tenant: '', id: view.taskId, metadata: undefined })).rejects.toThrow(
      /cannot be canceled/,
    );
  }, 120_000);

  it('an approval makes the task input-required; the next message on it ("approve") answers it and the task completes', async () => {
    const { serve } = await scenarios.serveWithWorker(0, ['--approval-policy', 'require-all']);
    const client = await a2aClient(serve);

    const asked = await client.sendMessage(userText('What is 12*7?'));
    if (!('id' in asked)) throw new Error('expected a task');
    expect(asked.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(textOf(asked.status?.message?.parts ?? [])).toBe(
      'Approve calculator({"expression":"12*7"})? Reply "approve" or "deny".',
    );
    const read = await client.getTask({ tenant: '', id: asked.id });
    expect(read.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);

    await expect(
      client.sendMessage(userText('maybe later', { taskId: asked.id, contextId: asked.contextId })),
    ).rejects.toThrow(/reply "approve" or "deny"/);

    const view = new TaskStreamView();
    const answer = userText('approve', { taskId: asked.id, contextId: asked.contextId });
    for await (const event of client.sendMessageStream(answer)) view.apply(event);
    expect(view.taskId).toBe(asked.id);
    expect(view.states.at(0)).toBe(TaskState.TASK_STATE_WORKING);
    expect(view.states).not.toContain(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(view.finalState).toBe(COMPLETED);
    expect(view.answer).toBe('The result is 84.');
    expect(view.chunks.map((chunk) => chunk.text).join('')).toBe('The result is 84.');
    await expect(client.sendMessage(answer)).rejects.toThrow(/is not waiting for input \(completed\)/);
  }, 120_000);
});
