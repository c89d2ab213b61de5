import { describe, expect, it } from 'vitest';
import { type AgentEvent, messageEvents, type PublishedEvent, runEvents } from '../../src/common/events';
import { parsePosition } from '../../src/serve/event-position';
import type { OutgoingEvent } from '../../src/serve/run-translator';
import { assistantTexts, verifyWithStockClient } from './support/stock-client';
import { stockClientMessages, translate } from './support/translate-run';

const context = { runId: 'r', threadId: 't' };
const at = (seq: number, event: PublishedEvent): AgentEvent => ({ ...event, seq });
const live = (seq: number, delta: string, offset: number): AgentEvent => ({
  ...messageEvents.content(context, 'r-1', 1, delta, offset),
  live: true,
  seq,
});

/** "Hello, world!" streamed live ahead of the log's two batches. */
const events: AgentEvent[] = [
  at(0, runEvents.started(context)),
  at(1, messageEvents.start(context, 'r-1', 1)),
  at(2, messageEvents.content(context, 'r-1', 1, 'Hel', 0)),
  live(2, 'lo', 3),
  live(2, ', wo', 5),
  at(3, messageEvents.content(context, 'r-1', 1, 'lo, w', 3)),
  live(3, 'rld', 9),
  at(4, messageEvents.content(context, 'r-1', 1, 'orld!', 8)),
  at(5, messageEvents.end(context, 'r-1', 1)),
  at(6, runEvents.finished(context, { status: 'completed', text: 'Hello, world!' })),
];

const textOf = (outgoing: readonly OutgoingEvent[]) =>
  outgoing
    .filter(({ event }) => event.type === 'TEXT_MESSAGE_CONTENT')
    .map(({ event }) => String((event as unknown as { delta: string }).delta))
    .join('');

describe('RunTranslator with text read live', () => {
  it('sends live text as it comes and the log’s copy of it never again', async () => {
    const outgoing = translate(events);
    expect(outgoing.map(({ id, event }) => `${id} ${event.type}`)).toEqual([
      '0 RUN_STARTED',
      '1 TEXT_MESSAGE_START',
      '2 TEXT_MESSAGE_CONTENT',
      '2+5 TEXT_MESSAGE_CONTENT',
      '2+9 TEXT_MESSAGE_CONTENT',
      '3+12 TEXT_MESSAGE_CONTENT',
      '4 TEXT_MESSAGE_CONTENT',
      '5 TEXT_MESSAGE_END',
      '6 RUN_FINISHED',
    ]);
    expect(textOf(outgoing)).toBe('Hello, world!');
    await verifyWithStockClient(outgoing.map(({ event }) => event));
    expect(assistantTexts(await stockClientMessages(outgoing))).toEqual(['Hello, world!']);
  });

  it('a Last-Event-ID of live text resumes exactly after it, whether the log or live text comes next', () => {
    const all = translate(events);
    for (const [index, frame] of all.entries()) {
      const before = all.slice(0, index + 1);
      const fromLogOnly = translate(
        events.filter((event) => !event.live),
        { resumeAfter: parsePosition(frame.id) },
      );
      expect(textOf(before) + textOf(fromLogOnly), `resumed after ${frame.id}`).toBe('Hello, world!');
      const again = translate(events, { resumeAfter: parsePosition(frame.id) });
      expect(textOf(before) + textOf(again), `resumed after ${frame.id} with live text`).toBe(
        'Hello, world!',
      );
      expect(again.every(({ event }) => event.type !== 'RUN_STARTED')).toBe(true);
    }
  });

  it('reads `<seq>+<characters>` ids and keeps plain and grouped ids as they were', () => {
    expect(parsePosition('12+340')).toEqual({ seq: 12, part: Number.POSITIVE_INFINITY, characters: 340 });
    expect(parsePosition('3.2')).toEqual({ seq: 3, part: 2 });
    expect(parsePosition('7')).toEqual({ seq: 7, part: Number.POSITIVE_INFINITY });
    expect(parsePosition('7+x')).toBeUndefined();
  });
});
