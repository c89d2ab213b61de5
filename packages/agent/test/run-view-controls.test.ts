import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { controlEvent, runEvents } from '../src/common/events';
import { describeMilestone, reduceRunEvents } from '../src/runs';

const context = { runId: 'r1', threadId: 't1' };
const spend = { tokens: 12, costUsd: 0.001, wallTimeMs: 900, toolCalls: 1, subAgentRuns: 0 };
const numbered = (events: ReturnType<typeof controlEvent>[]): AgentEvent[] =>
  events.map((event, seq) => ({ ...event, seq }));

describe('the run view of budgets, steers and approval records', () => {
  it('keeps the budget meter, the limit reached and the budget-exhausted ending', () => {
    const view = reduceRunEvents(
      numbered([
        runEvents.started(context),
        controlEvent(context, 'budget-status', { limits: { maxTokens: 5 }, spend, onBudget: 'stop' }),
        controlEvent(context, 'budget-reached', {
          limit: 'tokens',
          scope: 'run',
          value: 5,
          spent: 12,
          message: 'Budget of 5 tokens reached (spent 12 tokens)',
          action: 'stop',
        }),
        runEvents.finished(context, { status: 'budget-exhausted' }),
      ]),
    );
    expect(view.phase).toBe('budget-exhausted');
    expect(view.budget).toEqual({
      limits: { maxTokens: 5 },
      spend,
      onBudget: 'stop',
      reached: expect.objectContaining({
        limit: 'tokens',
        message: 'Budget of 5 tokens reached (spent 12 tokens)',
      }),
    });
    expect(view.milestones.map((milestone) => milestone.kind)).toEqual(['budget-reached', 'finished']);
  });

  it('lists steers in order and keeps who decided an approval, and when', () => {
    const view = reduceRunEvents(
      numbered([
        controlEvent(context, 'steer-received', {
          steerId: 'steer-1',
          text: 'Make it 3 days instead.',
          receivedAt: '2026-12-06T22:00:00.000Z',
          from: 'ada@laptop',
        }),
        controlEvent(context, 'approval-resolved', {
          toolCallId: 'c1',
          approved: true,
          decidedBy: 'user',
          decider: 'ada@laptop',
          decidedAt: '2026-12-06T22:00:01.000Z',
          alwaysAllow: true,
        }),
      ]),
    );
    expect(view.steers?.map((steer) => steer.text)).toEqual(['Make it 3 days instead.']);
    expect(view.milestones[1]).toMatchObject({
      kind: 'approval-resolved',
      decider: 'ada@laptop',
      decidedAt: '2026-12-06T22:00:01.000Z',
      alwaysAllow: true,
    });
  });

  it('marks where a run continued as new: which Temporal run goes on, after how much history, and why', () => {
    const view = reduceRunEvents(
      numbered([
        runEvents.started(context),
        controlEvent(context, 'continued-as-new', {
          temporalRun: 2,
          historyEvents: 48,
          historyBytes: 23_552,
          reason: 'history-events',
        }),
        controlEvent(context, 'continued-as-new', {
          temporalRun: 3,
          historyEvents: 4_112,
          historyBytes: 1_468_006,
          reason: 'temporal-suggested',
        }),
      ]),
    );
    // Not a phase of its own: the run goes on as it was.
    expect(view.phase).toBe(reduceRunEvents(numbered([runEvents.started(context)])).phase);
    const continued = view.milestones.filter((milestone) => milestone.kind === 'continued-as-new');
    expect(continued).toEqual([
      {
        seq: 1,
        kind: 'continued-as-new',
        temporalRun: 2,
        historyEvents: 48,
        historyBytes: 23_552,
        reason: 'history-events',
      },
      expect.objectContaining({ seq: 2, temporalRun: 3 }),
    ]);
    expect(continued.map((milestone) => describeMilestone(milestone))).toEqual([
      'continued as new in Temporal run 2 after 48 history events (23 kB; its history reached the event limit)',
      'continued as new in Temporal run 3 after 4112 history events (1.4 MB; Temporal suggested it)',
    ]);
  });
});
