import { describe, expect, it } from 'vitest';
import { withRunCounts } from '../src/common/run-usage';
import type { AgentRunResult } from '../src/common/types';
import { answerText, EMPTY_RUN_VIEW, type RunView, settleRunView } from '../src/runs';

/** A result as a run recorded before `modelCalls` existed: the counts are derived from the old fields. */
const result = (overrides: Partial<AgentRunResult>): AgentRunResult =>
  withRunCounts({
    status: 'completed',
    text: '',
    messages: [],
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    usageByAttempt: [],
    attempts: 0,
    rounds: 0,
    ...overrides,
  });

const streaming: RunView = {
  ...EMPTY_RUN_VIEW,
  phase: 'streaming',
  lastSeq: 12,
  attempts: 1,
  messages: [{ messageId: 'm1', text: 'Day 1: Arr', attempt: 1 }],
  approvals: [{ toolCallId: 't', toolName: 'x', arguments: '{}', requestedAt: '', expiresAt: '' }],
  workerWait: { taskQueue: 'agent', elapsedMs: 1000, timeoutMs: 5000 },
};

describe('settleRunView', () => {
  it('takes the recorded answer, phase and usage (the answer’s own, failed attempts apart) over what the events showed', () => {
    const settled = settleRunView(
      streaming,
      result({
        text: 'Day 1: Arrive in Tokyo',
        attempts: 2,
        usage: { promptTokens: 20, completionTokens: 30, totalTokens: 50 },
        usageByAttempt: [
          { round: 1, attempt: 1, outcome: 'failed', promptTokens: 10, completionTokens: 5, totalTokens: 15 },
          {
            round: 1,
            attempt: 2,
            outcome: 'completed',
            promptTokens: 10,
            completionTokens: 25,
            totalTokens: 35,
          },
        ],
      }),
    );
    expect(settled).toMatchObject({
      phase: 'completed',
      attempts: 2,
      lastSeq: 12,
      approvals: [],
      // The answer's own tokens (attempt 2), the failed attempt's apart.
      usage: {
        promptTokens: 10,
        completionTokens: 25,
        totalTokens: 35,
        failedAttemptTokens: 15,
        stoppedTokens: 0,
        wastedTokens: 15,
      },
    });
    expect(answerText(settled)).toBe('Day 1: Arrive in Tokyo');
    expect(settled.workerWait).toBeUndefined();
  });

  it('keeps the text the events showed when the result has none, and carries the result error', () => {
    const error = { code: 'deadline-exceeded', message: 'deadline exceeded' };
    const settled = settleRunView(streaming, result({ status: 'failed', error }));
    expect(settled).toMatchObject({ phase: 'failed', error });
    expect(answerText(settled)).toBe('Day 1: Arr');
    expect(settled.usage).toEqual(streaming.usage);
  });

  it('gives a run that produced no events its recorded answer', () => {
    const settled = settleRunView(EMPTY_RUN_VIEW, result({ text: 'Hello!' }));
    expect(answerText(settled)).toBe('Hello!');
    expect(settled.phase).toBe('completed');
  });
});
