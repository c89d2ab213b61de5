import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../src/common/types';
import { answerOf, endedAnswerOf, reduceRunEvents } from '../src/runs';
import { loadRunLog } from './fixtures/run-logs/recorded-run-log';

describe('endedAnswerOf', () => {
  it('is the answer as stored once the run ended: answerOf, its usage, and a status a chat shows', () => {
    const view = reduceRunEvents(loadRunLog('tool-round').events);
    expect(endedAnswerOf(view, 'completed')).toEqual({
      ...answerOf(view),
      status: 'complete',
      usage: view.usage,
    });
  });

  it('keeps a run cut short by a Stop or a budget as interrupted, and a failed run’s error', () => {
    const view = reduceRunEvents(loadRunLog('tool-round').events);
    const statuses = (['cancelled', 'budget-exhausted', 'failed'] as RunStatus[]).map(
      (status) => endedAnswerOf(view, status).status,
    );
    expect(statuses).toEqual(['interrupted', 'interrupted', 'failed']);
    const error = { code: 'model-error', message: 'the model is unavailable' };
    expect(endedAnswerOf({ ...view, error }, 'failed')).toMatchObject({ status: 'failed', error });
    expect(endedAnswerOf(view, 'failed')).not.toHaveProperty('error');
  });
});
