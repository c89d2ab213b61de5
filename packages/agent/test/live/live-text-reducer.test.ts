import { describe, expect, it } from 'vitest';
import {
  type AgentEvent,
  controlEvent,
  messageEvents,
  type PublishedEvent,
  runEvents,
} from '../../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW, type RunView, reduceRunEvents } from '../../src/runs';

const context = { runId: 'run', threadId: 'thread' };
let nextSeq = 0;
const logged = (event: PublishedEvent, seq = nextSeq++): AgentEvent => ({
  ...event,
  seq,
});
const start = (attempt = 1) => logged(messageEvents.start(context, 'm', attempt));
const content = (delta: string, offset: number | undefined, attempt = 1) =>
  logged(messageEvents.content(context, 'm', attempt, delta, offset));
/** A live delta: not in the log, carrying the seq of the last log event read before it. */
const live = (delta: string, offset: number, seq: number, attempt = 1): AgentEvent => ({
  ...messageEvents.content(context, 'm', attempt, delta, offset),
  live: true,
  seq,
});

function fold(...events: AgentEvent[]): RunView {
  return reduceRunEvents(events);
}

describe('applyRunEvent joining live and log text by offset', () => {
  it('appends log deltas at their offsets and ignores one read again', () => {
    nextSeq = 0;
    const opening = start();
    const first = content('Hello', 0);
    const view = fold(opening, first, content(', world', 5));
    expect(answerText(view)).toBe('Hello, world');
    expect(answerText(applyRunEvent(view, { ...first, seq: 99 }))).toBe('Hello, world');
  });

  it('shows live text ahead of the log and never moves lastSeq for it', () => {
    nextSeq = 0;
    const view = fold(start(), content('Hel', 0), live('lo, wor', 3, 1), live('ld', 10, 1));
    expect(answerText(view)).toBe('Hello, world');
    expect(view.lastSeq).toBe(1);
    expect(view.phase).toBe('streaming');
  });

  it('adds nothing when the log catches up with text shown live, and only what is beyond after it', () => {
    nextSeq = 0;
    const ahead = fold(start(), content('Hel', 0), live('lo, world', 3, 1));
    const caughtUp = reduceRunEvents([content('lo, wo', 3), content('rld!', 9)], ahead);
    expect(answerText(caughtUp)).toBe('Hello, world!');
    expect(caughtUp.lastSeq).toBe(3);
  });

  it('lets the log win where live text disagrees, and ignores a live delta that disagrees', () => {
    nextSeq = 0;
    const wrong = fold(start(), content('Hel', 0), live('p me', 3, 1));
    expect(answerText(wrong)).toBe('Help me');
    expect(answerText(applyRunEvent(wrong, content('lo', 3)))).toBe('Hello');
    nextSeq = 0;
    const right = fold(start(), content('Hello', 0));
    expect(answerText(applyRunEvent(right, live('p', 3, 1)))).toBe('Hello');
  });

  it('ignores live text past the end (a gap) but appends log text there', () => {
    nextSeq = 0;
    const view = fold(start(), content('Hel', 0));
    expect(answerText(applyRunEvent(view, live('world', 7, 1)))).toBe('Hel');
    expect(answerText(applyRunEvent(view, content('world', 7)))).toBe('Helworld');
  });

  it('appends deltas without offset as before (runs recorded before offsets)', () => {
    nextSeq = 0;
    expect(answerText(fold(start(), content('Hel', undefined), content('lo', undefined)))).toBe('Hello');
  });

  it('ignores live text of a replaced attempt, and of an attempt whose reset is not read yet', () => {
    nextSeq = 0;
    const firstAttempt = [start(), content('Day 1', 0)];
    const reset: AgentEvent = {
      ...controlEvent(context, 'attempt-reset', { messageId: 'm', attempt: 2, reason: 'lost' }),
      seq: nextSeq++,
    };
    const early = applyRunEvent(fold(...firstAttempt), live('Day 7', 0, 1, 2));
    expect(answerText(early)).toBe('Day 1');
    const retried = fold(...firstAttempt, reset);
    expect(answerText(applyRunEvent(retried, live(' more', 5, 2, 1)))).toBe('');
    const second = reduceRunEvents([start(2), content('D', 0, 2)], retried);
    const shown = applyRunEvent(second, live('ay 1, again', 1, second.lastSeq, 2));
    expect(answerText(shown)).toBe('Day 1, again');
    expect(answerText(applyRunEvent(shown, live(' old', 5, shown.lastSeq, 1)))).toBe('Day 1, again');
  });

  it('a reader resuming from lastSeq + 1 reads the log exactly, live text or not', () => {
    nextSeq = 0;
    const events = [start(), content('Hello', 0), content(', world', 5), content('!', 12)];
    const all = reduceRunEvents(events);
    const partial = fold(events[0]!, events[1]!, live(', wor', 5, 1));
    const resumed = reduceRunEvents(
      events.filter((event) => event.seq > partial.lastSeq),
      partial,
    );
    expect(answerText(resumed)).toBe(answerText(all));
    expect(resumed.lastSeq).toBe(all.lastSeq);
  });

  it('takes no live text once the run has finished', () => {
    nextSeq = 0;
    const finished = fold(
      start(),
      content('Hi', 0),
      logged(runEvents.finished(context, { status: 'completed' })),
    );
    expect(answerText(applyRunEvent(finished, live(' there', 2, finished.lastSeq)))).toBe('Hi');
    expect(EMPTY_RUN_VIEW.messages).toHaveLength(0);
  });
});
