import { TaskState } from '@a2a-js/sdk';
import { describe, expect, it } from 'vitest';
import { type AgentEvent, controlEvent, messageEvents, runEvents } from '../../src/common/events';
import { TaskEvents } from '../../src/serve/a2a/task-events';
import { TaskStreamView } from './support/a2a-client';

const context = { runId: 'r', threadId: 't' };
const ids = { taskId: 'agent/t/r', contextId: 't' };
const at = (seq: number, event: object): AgentEvent => ({ ...(event as AgentEvent), seq });

/** A log where attempt 1 dies after "Partial ", attempt 2 answers, and a late delta of attempt 1 arrives. */
const retriedLog: AgentEvent[] = [
  at(0, runEvents.started(context)),
  at(1, messageEvents.start(context, 'r-1', 1)),
  at(2, messageEvents.content(context, 'r-1', 1, 'Partial ')),
  at(
    3,
    controlEvent(context, 'attempt-reset', { messageId: 'r-1', attempt: 2, reason: 'the worker shut down' }),
  ),
  at(4, messageEvents.start(context, 'r-1', 2)),
  at(5, messageEvents.content(context, 'r-1', 1, 'late text of the lost attempt')),
  at(6, messageEvents.content(context, 'r-1', 2, 'Hello ')),
  at(7, messageEvents.content(context, 'r-1', 2, 'there')),
  at(8, messageEvents.end(context, 'r-1', 2)),
  at(9, runEvents.finished(context, { status: 'completed', text: 'Hello there' })),
];

function stream(
  log: readonly AgentEvent[],
  quietThrough?: number,
): { events: TaskEvents; view: TaskStreamView } {
  const events = new TaskEvents(ids, quietThrough);
  const view = new TaskStreamView();
  for (const event of log) {
    for (const response of events.push(event)) view.apply(response);
    if (events.ended) break;
  }
  return { events, view };
}

describe("TaskEvents (a run's events → A2A stream events)", () => {
  it("starts with the task, streams text in appended chunks, replaces a lost attempt's text, ends completed", () => {
    const { events, view } = stream(retriedLog);
    expect(view.events[0]?.payload?.$case).toBe('task');
    expect(view.chunks).toEqual([
      { text: 'Partial ', append: false },
      { text: '', append: false },
      { text: 'Hello ', append: true },
      { text: 'there', append: true },
    ]);
    expect(view.answer).toBe('Hello there');
    expect(view.states).toEqual([
      TaskState.TASK_STATE_SUBMITTED,
      TaskState.TASK_STATE_WORKING,
      TaskState.TASK_STATE_COMPLETED,
    ]);
    expect(events.ended).toBe(true);
  });

  it('folds what the client has seen (through quietThrough) without a word, then goes on from there', () => {
    const { view } = stream(retriedLog, 6);
    expect(view.events[0]?.payload?.$case).toBe('task');
    expect(view.chunks).toEqual([{ text: 'there', append: true }]);
    expect(view.finalState).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it('ends its stream at an approval, input-required, naming the call', () => {
    const log: AgentEvent[] = [
      at(0, runEvents.started(context)),
      at(
        1,
        controlEvent(context, 'approval-request', {
          toolCallId: 'c1',
          toolName: 'calculator',
          arguments: '{"expression":"1+1"}',
          requestedAt: '2026-12-07T00:00:00Z',
          expiresAt: '2026-12-07T01:00:00Z',
        }),
      ),
      at(2, runEvents.finished(context, { status: 'completed', text: 'never read' })),
    ];
    const { events, view } = stream(log);
    expect(events.ended).toBe(true);
    expect(view.finalState).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const last = view.events.at(-1)?.payload;
    expect(last?.$case === 'statusUpdate' && last.value.status?.message?.parts[0]?.content).toEqual({
      $case: 'text',
      value: 'Approve calculator({"expression":"1+1"})? Reply "approve" or "deny".',
    });
  });
});
