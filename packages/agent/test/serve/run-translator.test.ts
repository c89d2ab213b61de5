import { describe, expect, it } from 'vitest';
import { type AgentEvent, controlEvent, messageEvents, runEvents } from '../../src/common/events';
import { assistantTexts, userMessage, verifyWithStockClient } from './support/stock-client';
import { stockClientMessages, translate } from './support/translate-run';

const context = { runId: 'r', threadId: 't' };
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
  at(6, messageEvents.content(context, 'r-1', 2, 'Hello there')),
  at(7, messageEvents.end(context, 'r-1', 2)),
  at(8, runEvents.finished(context, { status: 'completed', text: 'Hello there' })),
];

describe('RunTranslator (durable run events → AG-UI events for stock clients)', () => {
  it('a retried attempt: the abandoned message is ended and dropped by a snapshot; the new one is a new message', async () => {
    const outgoing = translate(retriedLog);

    expect(outgoing.map(({ id, event }) => `${id} ${event.type}`)).toEqual([
      '0 RUN_STARTED',
      '1 TEXT_MESSAGE_START',
      '2 TEXT_MESSAGE_CONTENT',
      '3.1 TEXT_MESSAGE_END',
      '3.2 MESSAGES_SNAPSHOT',
      '3 CUSTOM',
      '4 TEXT_MESSAGE_START',
      '6 TEXT_MESSAGE_CONTENT',
      '7 TEXT_MESSAGE_END',
      '8 RUN_FINISHED',
    ]);
    expect(outgoing[6]?.event).toEqual({
      type: 'TEXT_MESSAGE_START',
      messageId: 'r-1-attempt-2',
      role: 'assistant',
    });
    await verifyWithStockClient(outgoing.map(({ event }) => event));
    const messages = await stockClientMessages(outgoing, [userMessage('u1', 'hi')]);
    expect(messages.map((message) => message.id)).toEqual(['u1', 'r-1-attempt-2']);
    expect(assistantTexts(messages)).toEqual(['Hello there']);
  });

  it('Last-Event-ID inside a group resumes with the rest of the group, without RUN_STARTED', () => {
    const outgoing = translate(retriedLog, { resumeAfter: { seq: 3, part: 1 } });
    expect(outgoing.map(({ id }) => id)).toEqual(['3.2', '3', '4', '6', '7', '8']);
  });

  it('a Last-Event-ID before the segment starts (nothing of it seen) replays it from RUN_STARTED', () => {
    const outgoing = translate(retriedLog, {
      segmentStart: 2,
      resumeAfter: { seq: 1, part: Number.POSITIVE_INFINITY },
    });
    expect(outgoing[0]).toEqual({ id: '2', event: expect.objectContaining({ type: 'RUN_STARTED' }) });
  });

  it("a fresh request drops the run's messages the client still holds from a dropped connection", async () => {
    const base = [userMessage('u1', 'hi'), { id: 'r-1', role: 'assistant' as const, content: 'Partial ' }];
    const outgoing = translate(retriedLog, { base });

    expect(outgoing.map(({ event }) => event.type).slice(0, 3)).toEqual([
      'RUN_STARTED',
      'MESSAGES_SNAPSHOT',
      'TEXT_MESSAGE_START',
    ]);
    const messages = await stockClientMessages(outgoing, base);
    expect(assistantTexts(messages)).toEqual(['Hello there']);
  });

  it('an approval ends the AG-UI run with an interrupt; a resume segment starts after it', () => {
    const approval = {
      toolCallId: 'call_1',
      toolName: 'calculator',
      arguments: '{"expression":"1+1"}',
      requestedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:05:00.000Z',
    };
    const log: AgentEvent[] = [
      at(0, runEvents.started(context)),
      at(1, controlEvent(context, 'approval-request', approval)),
      at(
        2,
        controlEvent(context, 'approval-resolved', {
          toolCallId: 'call_1',
          approved: true,
          decidedBy: 'user',
        }),
      ),
      at(3, runEvents.finished(context, { status: 'completed', text: '2' })),
    ];
    const first = translate(log);
    expect(first.at(-1)?.event).toMatchObject({
      type: 'RUN_FINISHED',
      outcome: {
        type: 'interrupt',
        interrupts: [{ id: 'r/call_1', toolCallId: 'call_1', reason: 'tool-approval' }],
      },
    });
    const resumed = translate(log, { runId: 'r2', segmentStart: 1 });
    expect(resumed.map(({ id, event }) => `${id} ${event.type}`)).toEqual([
      '1 RUN_STARTED',
      '2 CUSTOM',
      '3 RUN_FINISHED',
    ]);
    expect(resumed.at(-1)?.event).toMatchObject({ runId: 'r2' });
  });
});
