import { EventSchemas } from '@ag-ui/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  buildControlEvent,
  messageEventBuilders,
  runEventBuilders,
  stepEventBuilders,
  toolEventBuilders,
} from '../src/common/event-builders';
import { ControlEventSchema } from '../src/common/events';

const context = { runId: 'run-1', threadId: 'thread-1' };
const child = {
  toolCallId: 'call-2',
  childRunId: 'run-1.researcher.1',
  childWorkflowId: 'a/thread-1/run-1/researcher/1',
};

describe('event builders (the unvalidated ones workflow code uses)', () => {
  it('build valid AG-UI events, the same as the validating factories', () => {
    const events = [
      runEventBuilders.started(context),
      runEventBuilders.finished(context, { status: 'completed', text: 'hi' }),
      runEventBuilders.error(context, 'it failed', 'model-error'),
      messageEventBuilders.start(context, 'm1', 1),
      messageEventBuilders.content(context, 'm1', 1, 'Hello'),
      messageEventBuilders.end(context, 'm1', 1),
      toolEventBuilders.start(context, 'm1', 1, 'call-1', 'calculator'),
      toolEventBuilders.args(context, 'm1', 1, 'call-1', '{"expression":'),
      toolEventBuilders.end(context, 'm1', 1, 'call-1'),
      toolEventBuilders.result(context, 'm1', 'call-1', '42'),
      stepEventBuilders.started(context, 'sub-agent:researcher', child),
      stepEventBuilders.finished(context, 'sub-agent:researcher', child),
      buildControlEvent(context, 'attempt-reset', {
        messageId: 'm1',
        attempt: 2,
        reason: 'the worker was lost',
      }),
    ];
    for (const event of events) expect(EventSchemas.safeParse(event).success, event.type).toBe(true);
    const control = events.at(-1) as { name: string; value: unknown };
    expect(ControlEventSchema.safeParse({ name: control.name, value: control.value }).success).toBe(true);
  });
});
