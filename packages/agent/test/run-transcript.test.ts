import { describe, expect, it } from 'vitest';
import { RunTranscript } from '../src/client/run-transcript';
import { controlEvent, messageEvents } from '../src/common/events';

const context = { runId: 'r', threadId: 't' };
const delta = (seq: number, attempt: number, text: string) => ({
  ...messageEvents.content(context, 'm', attempt, text),
  seq,
});

describe('RunTranscript', () => {
  it('drops the partial text of an attempt that an attempt-reset replaces, and ignores its late deltas', () => {
    const transcript = new RunTranscript();
    transcript.apply({ ...messageEvents.start(context, 'm', 1), seq: 0 });
    transcript.apply(delta(1, 1, 'Day 1: Arr'));
    transcript.apply({
      ...controlEvent(context, 'attempt-reset', { messageId: 'm', attempt: 2, reason: 'lost' }),
      seq: 2,
    });
    transcript.apply(delta(3, 1, 'ive'));
    transcript.apply(delta(4, 2, 'Day 1: Arrive'));
    expect(transcript.text()).toBe('Day 1: Arrive');
  });

  it('ignores events it has already applied, so replays are safe', () => {
    const transcript = new RunTranscript();
    transcript.apply(delta(0, 1, 'Hello'));
    transcript.apply(delta(0, 1, 'Hello'));
    expect(transcript.text()).toBe('Hello');
  });

  it('resumes from a saved state', () => {
    const transcript = new RunTranscript();
    transcript.restore({ messageId: 'm', text: 'Hel', attempt: 1, lastSeq: 4 });
    transcript.apply(delta(4, 1, 'Hel'));
    transcript.apply(delta(5, 1, 'lo'));
    expect(transcript.text('m')).toBe('Hello');
  });
});
