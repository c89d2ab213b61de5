import { describe, expect, it } from 'vitest';
import {
  answerOf,
  answerText,
  describeEnding,
  describeMilestone,
  describeSubAgentMilestone,
  type RunMilestone,
  reduceRunEvents,
  toolCallsOf,
} from '../src/runs';
import { followNoticeOf } from '../src/runs/followed-run';
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
    const lines = view.milestones.map((milestone) => describeMilestone(milestone));
    expect(lines).toContain('model call started');
    expect(lines).toContain('model call, attempt 2, started');
    expect(
      lines.some((line) => /^attempt 2 replaces attempt 1 \(.+\); its partial text was dropped$/.test(line)),
    ).toBe(true);
    expect(lines.at(-1)).toBe('run completed');
  });

  it('names the tool, its arguments and the decision of an approval', () => {
    const view = reduceRunEvents(loadRunLog('approval').events);
    const lines = view.milestones.map((milestone) => describeMilestone(milestone));
    expect(lines.some((line) => /\(.*\) waits for approval/.test(line))).toBe(true);
    expect(lines.some((line) => /^tool call approved by /.test(line))).toBe(true);
  });
});

describe('describeMilestone with the worker an attempt ran on', () => {
  const started: RunMilestone = {
    kind: 'attempt-started',
    seq: 4,
    messageId: 'm',
    attempt: 2,
    worker: '4242@laptop',
  } as RunMilestone;

  it('names the worker by its Temporal identity, or as the reader names it', () => {
    expect(describeMilestone(started)).toBe('model call, attempt 2, started on 4242@laptop');
    const wording = {
      workerName: (identity: string) => (identity === '4242@laptop' ? 'Worker 1 (pid 4242)' : undefined),
    };
    expect(describeMilestone(started, wording)).toBe('model call, attempt 2, started on Worker 1 (pid 4242)');
    expect(describeMilestone({ ...started, worker: 'other@host' } as RunMilestone, wording)).toBe(
      'model call, attempt 2, started on other@host',
    );
  });

  it('puts a sub-agent’s milestone under the delegations down to it', () => {
    expect(describeSubAgentMilestone({ agents: ['researcher', 'reader'], milestone: started })).toBe(
      'sub-agent researcher › reader: model call, attempt 2, started on 4242@laptop',
    );
  });
});

describe('describeEnding', () => {
  it('says what a completed run cost, with the tokens of its failed attempts apart', () => {
    const { events, result } = loadRunLog('kill-9-retry');
    const line = describeEnding({ view: reduceRunEvents(events), result });
    expect(line).toMatch(
      /^completed after 1 model call, 1 retry: \d+ tokens for the answer, and 199 on failed attempts \(retried\)$/,
    );
  });

  it('says a stopped run kept its partial text, and a failed one why it failed', () => {
    const stop = loadRunLog('stop');
    expect(describeEnding({ view: reduceRunEvents(stop.events), result: stop.result })).toBe(
      'stopped by the user; the partial text was kept',
    );
    const failed = loadRunLog('no-worker');
    expect(describeEnding({ view: reduceRunEvents(failed.events), result: failed.result })).toMatch(
      /^no worker available/,
    );
  });
});

describe('followNoticeOf', () => {
  it('says why following is not live, and nothing while it is', () => {
    expect(followNoticeOf({ kind: 'live' })).toBeUndefined();
    expect(followNoticeOf({ kind: 'finished' })).toBeUndefined();
    expect(
      followNoticeOf({ kind: 'reconnecting', since: '2026-12-07T10:00:00.000Z', error: 'ECONNREFUSED' }),
    ).toEqual({
      kind: 'reconnecting',
      message: 'Temporal unreachable — reconnecting',
      since: '2026-12-07T10:00:00.000Z',
    });
    const lost = {
      kind: 'worker-lost',
      heartbeatTimeoutMs: 10_000,
      remainingMs: 4000,
      message: 'retried in 4 s',
    } as const;
    expect(followNoticeOf(lost)).toEqual({ kind: 'worker-lost', message: 'retried in 4 s' });
  });
});
