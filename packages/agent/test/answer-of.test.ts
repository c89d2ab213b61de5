import { describe, expect, it } from 'vitest';
import { answerOf, answerText, describeMilestone, reduceRunEvents, toolCallsOf } from '../src/runs';
import { loadRunLog } from './fixtures/run-logs/recorded-run-log';

describe('answerOf', () => {
  it('is the answer a chat shows: the text of the last message, its attempt, the tool calls without their message ids', () => {
    const view = reduceRunEvents(loadRunLog('tool-round').events);
    expect(view.toolCalls.length).toBeGreaterThan(0);
    const answer = answerOf(view);
    expect(answer).toEqual({
      text: answerText(view),
      attempt: view.currentAttempt,
      toolCalls: toolCallsOf(view),
    });
    expect(answer.text).not.toBe('');
    expect(answer.toolCalls).toEqual(
      view.toolCalls.map((call) => ({
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        ...(call.result === undefined ? {} : { result: call.result }),
      })),
    );
    expect(answer.toolCalls.every((call) => !('messageId' in call) && call.result !== undefined)).toBe(true);
  });

  it('takes the text and attempt of the retry after a lost worker (the older attempt is dropped)', () => {
    const view = reduceRunEvents(loadRunLog('kill-9-retry').events);
    expect(answerOf(view)).toMatchObject({ attempt: 2, text: answerText(view), toolCalls: [] });
  });
});

describe('describeMilestone', () => {
  it('words a retried run the same way for every reader', () => {
    const view = reduceRunEvents(loadRunLog('kill-9-retry').events);
    const lines = view.milestones.map(describeMilestone);
    expect(lines).toContain('model call started');
    expect(lines).toContain('model call, attempt 2, started');
    expect(
      lines.some((line) => /^attempt 2 replaces attempt 1 \(.+\); its partial text was dropped$/.test(line)),
    ).toBe(true);
    expect(lines.at(-1)).toBe('run completed');
  });

  it('names the tool, its arguments and the decision of an approval', () => {
    const view = reduceRunEvents(loadRunLog('approval').events);
    const lines = view.milestones.map(describeMilestone);
    expect(lines.some((line) => /\(.*\) waits for approval/.test(line))).toBe(true);
    expect(lines.some((line) => /^tool call approved by /.test(line))).toBe(true);
  });
});
