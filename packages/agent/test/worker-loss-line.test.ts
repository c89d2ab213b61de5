import { describe, expect, it } from 'vitest';
import { describeWorkerLoss, type WorkerLoss } from '../src/runs/worker-loss-line';

const LOSS: WorkerLoss = {
  worker: 'Worker 1 (pid 4242)',
  how: 'killed',
  activity: 'invokeModelStreaming',
  attempt: 1,
  taskQueue: 'agent',
};

describe('describeWorkerLoss', () => {
  it('says a killed worker lost the attempt, that it was failed at once, and where the next attempt runs', () => {
    expect(describeWorkerLoss(LOSS)).toBe(
      'Worker 1 (pid 4242) was killed (SIGKILL) during attempt 1; the app failed the attempt in Temporal at once, and the next attempt runs on the next worker that polls task queue "agent" (a second worker at once, or this one after Restart)',
    );
  });

  it('says a gracefully stopped worker handed its call back itself', () => {
    expect(describeWorkerLoss({ ...LOSS, how: 'stopped', attempt: 2 })).toBe(
      'Worker 1 (pid 4242) was stopped during attempt 2; it handed the call back to Temporal, and the next attempt runs on the next worker that polls task queue "agent"',
    );
  });

  it('names a lost tool call or summary and who failed it, and has no line for a listing of tools', () => {
    expect(
      describeWorkerLoss({ ...LOSS, how: 'crashed', activity: 'callTool', supervisor: 'the supervisor' }),
    ).toBe(
      'Worker 1 (pid 4242) crashed during a tool call; the supervisor failed the call in Temporal at once, and it runs again on the next worker that polls task queue "agent"',
    );
    expect(describeWorkerLoss({ ...LOSS, activity: 'compactMessages' })).toContain(
      'was killed (SIGKILL) during a summary of earlier turns;',
    );
    expect(describeWorkerLoss({ ...LOSS, activity: 'listTools' })).toBeUndefined();
  });
});
