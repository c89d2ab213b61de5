import { describe, expect, it } from 'vitest';
import { spentApart } from '../src/cli/run-renderer';
import { describeModelCalls, withRunCounts } from '../src/common/run-usage';
import { reduceRunEvents, settleRunView } from '../src/runs';
import { loadRunLog, type RunLogName } from './fixtures/run-logs/recorded-run-log';

/** A recorded run's view (events, then settled by its result) and its result in the words of today. */
function read(name: RunLogName) {
  const { events, result: recorded } = loadRunLog(name);
  const result = withRunCounts(recorded);
  const view = reduceRunEvents(events);
  return { view, settled: settleRunView(view, recorded), result };
}

describe('words that mean one thing: model calls, attempts, and what tokens bought', () => {
  it('a clean answer: 1 model call, no retry, its own tokens and nothing apart', () => {
    const { view, settled, result } = read('clean');
    for (const each of [view, settled]) {
      expect(each).toMatchObject({ modelCalls: 1, retries: 0, currentAttempt: 1 });
      expect(each.usage).toEqual({
        promptTokens: 31,
        completionTokens: 377,
        totalTokens: 408,
        failedAttemptTokens: 0,
        stoppedTokens: 0,
        wastedTokens: 0,
      });
    }
    expect(result).toMatchObject({ modelCalls: 1, retries: 0 });
    expect(result.usageBreakdown.answer).toEqual({
      promptTokens: 31,
      completionTokens: 377,
      totalTokens: 408,
    });
    expect(describeModelCalls(result.modelCalls, result.retries)).toBe('1 model call');
    expect(spentApart(0, 0, result.retries)).toBeUndefined();
  });

  it('a clean tool run: 2 model calls, each on its first attempt (no attempt badge), no retry', () => {
    const { view, settled, result } = read('tool-round');
    expect(view.messages.map((message) => message.attempt)).toEqual([1, 1]);
    for (const each of [view, settled])
      expect(each).toMatchObject({ modelCalls: 2, retries: 0, currentAttempt: 1 });
    expect(result).toMatchObject({ modelCalls: 2, retries: 0 });
    expect(describeModelCalls(settled.modelCalls, settled.retries)).toBe('2 model calls');
    // Both calls' prompt tokens: the second sends the conversation and the tool definitions again.
    expect(settled.usage).toMatchObject({
      promptTokens: 18 + 53,
      completionTokens: 17,
      failedAttemptTokens: 0,
    });
  });

  it('a retried call: attempt 2 of 1 model call; the answer’s own tokens are those of a clean run, the failed attempt’s apart', () => {
    const clean = read('clean');
    const { view, settled, result } = read('kill-9-retry');
    for (const each of [view, settled]) {
      expect(each).toMatchObject({ modelCalls: 1, retries: 1, currentAttempt: 2 });
      expect(each.usage).toMatchObject({
        promptTokens: clean.settled.usage.promptTokens,
        completionTokens: 377,
        totalTokens: clean.settled.usage.totalTokens,
        failedAttemptTokens: 199,
        stoppedTokens: 0,
      });
    }
    expect(result.usageBreakdown).toEqual({
      answer: clean.result.usageBreakdown.answer,
      failedAttempts: { promptTokens: 24, completionTokens: 175, totalTokens: 199 },
      stopped: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    });
    expect(describeModelCalls(result.modelCalls, result.retries)).toBe('1 model call, 1 retry');
    expect(spentApart(199, 0, 1)).toBe('not in the answer: 199 tokens on 1 failed attempt (retried)');
  });

  it('a Stop: the stopped call’s tokens are apart, and not counted as failed attempts', () => {
    const { view, settled, result } = read('stop');
    for (const each of [view, settled]) {
      expect(each).toMatchObject({ modelCalls: 1, retries: 0 });
      expect(each.usage).toMatchObject({ totalTokens: 0, failedAttemptTokens: 0, stoppedTokens: 121 });
    }
    expect(result.usageBreakdown.stopped.totalTokens).toBe(121);
    expect(result.usageBreakdown.failedAttempts.totalTokens).toBe(0);
    expect(spentApart(0, 121, 0)).toBe('not in the answer: 121 tokens on the model call Stop cut short');
  });

  it('keeps the old names as aliases: attempts = model calls + retries, rounds = model calls', () => {
    for (const name of ['clean', 'tool-round', 'kill-9-retry', 'stop'] as const) {
      const { result, settled } = read(name);
      expect(result.attempts).toBe(result.modelCalls + result.retries);
      expect(result.rounds).toBe(result.modelCalls);
      expect(settled.usage.wastedTokens).toBe(
        settled.usage.failedAttemptTokens + settled.usage.stoppedTokens,
      );
      const { answer, failedAttempts, stopped } = result.usageBreakdown;
      expect(result.usage.totalTokens).toBe(
        answer.totalTokens + failedAttempts.totalTokens + stopped.totalTokens,
      );
    }
  });
});
