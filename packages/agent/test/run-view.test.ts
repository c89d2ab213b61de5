import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { withRunCounts } from '../src/common/run-usage';
import type { AgentRunResult } from '../src/common/types';
import {
  answerText,
  applyRunEvent,
  EMPTY_RUN_VIEW,
  type RunMilestoneKind,
  type RunView,
  reduceRunEvents,
} from '../src/runs';
import { loadRunLog, type RunLogName } from './fixtures/run-logs/recorded-run-log';

const LOGS: readonly RunLogName[] = ['kill-9-retry', 'stop', 'approval', 'tool-round', 'no-worker'];

const kinds = (view: RunView): RunMilestoneKind[] => view.milestones.map((milestone) => milestone.kind);
const controlName = (event: AgentEvent) => asControlEvent(event)?.name;

/** The view after the first event for which `until` holds (that event included). */
function viewUntil(events: readonly AgentEvent[], until: (event: AgentEvent) => boolean): RunView {
  const index = events.findIndex(until);
  expect(index, 'the log has the event').toBeGreaterThanOrEqual(0);
  return reduceRunEvents(events.slice(0, index + 1));
}

/** Usage of the attempts that did not complete (failed or cancelled), as the result reports them. */
function wastedIn(result: AgentRunResult): number {
  return result.usageByAttempt
    .filter((attempt) => attempt.outcome !== 'completed')
    .reduce((sum, attempt) => sum + attempt.totalTokens, 0);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const each of Object.values(value)) deepFreeze(each);
    Object.freeze(value);
  }
  return value;
}

describe('applyRunEvent on a run whose worker was killed (kill -9) mid-answer', () => {
  const { events, result } = loadRunLog('kill-9-retry');
  const view = reduceRunEvents(events);

  it('shows the answer once: the text of the replaced attempt is dropped at the reset', () => {
    expect(result.status).toBe('completed');
    expect(answerText(view)).toBe(result.text);
    expect(answerText(view).match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0]!.attempt).toBe(2);
  });

  it('counts two attempts, the second live, with the reason of the retry', () => {
    expect(view.phase).toBe('completed');
    expect(view.attempts).toBe(result.attempts);
    expect(view.attempts).toBe(2);
    expect(view.currentAttempt).toBe(2);
    expect(view.retryReason).toBe('the worker was lost');
  });

  it("counts the answer's own tokens apart from the lost attempt's (failed, not stopped)", () => {
    const { answer, failedAttempts } = withRunCounts(result).usageBreakdown;
    expect(view.usage).toEqual({
      ...answer,
      failedAttemptTokens: failedAttempts.totalTokens,
      stoppedTokens: 0,
      wastedTokens: wastedIn(result),
    });
    expect(view.usage.failedAttemptTokens).toBeGreaterThan(0);
  });

  it('goes streaming → retrying (text emptied) → streaming again with the new attempt', () => {
    const resetIndex = events.findIndex((event) => controlName(event) === 'attempt-reset');
    const beforeReset = reduceRunEvents(events.slice(0, resetIndex));
    expect(beforeReset.phase).toBe('streaming');
    expect(answerText(beforeReset)).toContain('Day 1: Arrive in Tokyo');
    const atReset = viewUntil(events, (event) => controlName(event) === 'attempt-reset');
    expect(atReset.phase).toBe('retrying');
    expect(atReset.currentAttempt).toBe(2);
    expect(answerText(atReset)).toBe('');
    const secondStart = viewUntil(
      events,
      (event) => event.type === 'TEXT_MESSAGE_START' && event.attempt === 2,
    );
    expect(secondStart.phase).toBe('retrying');
    const secondText = viewUntil(
      events,
      (event) => event.type === 'TEXT_MESSAGE_CONTENT' && event.attempt === 2,
    );
    expect(secondText.phase).toBe('streaming');
  });

  it('ignores deltas of the replaced attempt that arrive after the reset', () => {
    const resetSeq = events.find((event) => controlName(event) === 'attempt-reset')!.seq;
    const late = events.filter((event) => event.type === 'TEXT_MESSAGE_CONTENT' && event.attempt === 1);
    // Every attempt-1 delta read again right after the reset, as a slow batch from the lost worker would be.
    const shifted = events.map((event) =>
      event.seq > resetSeq ? { ...event, seq: event.seq + late.length } : event,
    );
    const resetIndex = shifted.findIndex((event) => event.seq === resetSeq);
    const withLate = [
      ...shifted.slice(0, resetIndex + 1),
      ...late.map((event, index) => ({ ...event, seq: resetSeq + 1 + index })),
      ...shifted.slice(resetIndex + 1),
    ];
    expect(answerText(reduceRunEvents(withLate))).toBe(result.text);
  });

  it('lists its milestones in order: attempt 1, the reset, attempt 2, the end', () => {
    expect(kinds(view)).toEqual(['attempt-started', 'attempt-reset', 'attempt-started', 'finished']);
    expect(view.milestones[1]).toMatchObject({ kind: 'attempt-reset', attempt: 2 });
  });
});

describe('applyRunEvent on a run stopped by the user', () => {
  const { events, result } = loadRunLog('stop');
  const view = reduceRunEvents(events);

  it('ends cancelled and keeps the partial text', () => {
    expect(result.status).toBe('cancelled');
    expect(view.phase).toBe('cancelled');
    expect(answerText(view)).toBe(result.text);
    expect(answerText(view)).toContain('Day 1: Arrive in Tokyo');
    expect(answerText(view)).not.toContain('Day 7');
  });

  it("counts the stopped attempt's tokens apart, as stopped (not as a failed attempt)", () => {
    expect(view.usage).toEqual({
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      failedAttemptTokens: 0,
      stoppedTokens: result.usage.totalTokens,
      wastedTokens: wastedIn(result),
    });
  });

  it('lists one attempt and the cancelled end', () => {
    expect(view.attempts).toBe(1);
    expect(kinds(view)).toEqual(['attempt-started', 'finished']);
    expect(view.milestones.at(-1)).toMatchObject({ kind: 'finished', status: 'cancelled' });
  });
});

describe('applyRunEvent on a run whose tool call waited for approval', () => {
  const { events, result } = loadRunLog('approval');
  const view = reduceRunEvents(events);

  it('shows the approval pending while it waits', () => {
    const waiting = viewUntil(events, (event) => controlName(event) === 'approval-request');
    expect(waiting.phase).toBe('awaiting-approval');
    expect(waiting.approvals).toEqual([
      expect.objectContaining({ toolName: 'calculator', arguments: '{"expression":"6 * 7"}' }),
    ]);
  });

  it('clears it once resolved, and the run goes on', () => {
    const resolved = viewUntil(events, (event) => controlName(event) === 'approval-resolved');
    expect(resolved.approvals).toEqual([]);
    expect(resolved.phase).toBe('streaming');
    expect(resolved.milestones.at(-1)).toMatchObject({
      kind: 'approval-resolved',
      approved: true,
      decidedBy: 'user',
    });
    expect(view.phase).toBe('completed');
    expect(view.approvals).toEqual([]);
    expect(answerText(view)).toBe(result.text);
    expect(answerText(view)).toBe('The result is 42.');
  });

  it('lists request and decision between the call and its result', () => {
    expect(kinds(view)).toEqual([
      'attempt-started',
      'tool-called',
      'approval-requested',
      'approval-resolved',
      'tool-result',
      'attempt-started',
      'finished',
    ]);
  });
});

describe('applyRunEvent on a tool round', () => {
  const { events, result } = loadRunLog('tool-round');
  const view = reduceRunEvents(events);

  it('keeps the tool call with its arguments and result', () => {
    expect(view.toolCalls).toHaveLength(1);
    const [call] = view.toolCalls;
    expect(call).toMatchObject({ name: 'calculator', arguments: '{"expression":"12 * 7"}' });
    expect(JSON.parse(call!.result!)).toMatchObject({ result: 84 });
    expect(call!.messageId).toBe(view.messages[0]!.messageId);
  });

  it('has one message per round and answers with the second', () => {
    expect(view.messages.map((message) => message.text)).toEqual(['', 'The result is 84.']);
    expect(answerText(view)).toBe(result.text);
    expect(view.attempts).toBe(result.attempts);
    expect(view.currentAttempt).toBe(1);
    expect(view.usage).toEqual({
      ...result.usage,
      failedAttemptTokens: 0,
      stoppedTokens: 0,
      wastedTokens: 0,
    });
  });

  it('lists call, result and the second round in order', () => {
    expect(kinds(view)).toEqual([
      'attempt-started',
      'tool-called',
      'tool-result',
      'attempt-started',
      'finished',
    ]);
    expect(view.milestones[1]).toMatchObject({ name: 'calculator', arguments: '{"expression":"12 * 7"}' });
  });
});

describe('applyRunEvent on an interactive run no worker picked up', () => {
  const { events, result } = loadRunLog('no-worker');
  const view = reduceRunEvents(events);

  it('shows the wait, then fails with the no-worker error', () => {
    const waiting = reduceRunEvents(events.slice(0, 1));
    expect(waiting.phase).toBe('waiting-for-worker');
    expect(waiting.workerWait).toMatchObject({ timeoutMs: 2000 });
    expect(view.phase).toBe('failed');
    expect(view.error).toEqual(result.error);
    expect(view.workerWait).toBeUndefined();
    expect(kinds(view)).toEqual(['worker-waiting', 'worker-timed-out', 'failed']);
  });
});

describe.each(LOGS)('applyRunEvent on the recorded log "%s"', (name) => {
  const { events } = loadRunLog(name);
  const whole = reduceRunEvents(events);

  it('gives the same view when the same events are applied twice', () => {
    expect(reduceRunEvents(events, whole)).toEqual(whole);
    expect(reduceRunEvents([...events, ...events])).toEqual(whole);
    const eachTwice = events.flatMap((event) => [event, event]);
    expect(reduceRunEvents(eachTwice)).toEqual(whole);
  });

  it('resumed from a view saved at any point (and read again from a little earlier), equals folding everything', () => {
    for (let cut = 0; cut <= events.length; cut++) {
      const saved: RunView = JSON.parse(JSON.stringify(reduceRunEvents(events.slice(0, cut))));
      expect(reduceRunEvents(events.slice(cut), saved)).toEqual(whole);
      expect(reduceRunEvents(events.slice(Math.max(0, cut - 3)), saved)).toEqual(whole);
    }
  });

  it('never changes the view it is given', () => {
    let view = deepFreeze(EMPTY_RUN_VIEW);
    for (const event of events) view = deepFreeze(applyRunEvent(view, event));
    expect(view).toEqual(whole);
  });

  it('stamps milestones with the seq of their event, in log order', () => {
    const seqs = whole.milestones.map((milestone) => milestone.seq).filter((seq) => seq >= 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(whole.lastSeq).toBe(Math.max(-1, ...events.map((event) => event.seq)));
  });
});
