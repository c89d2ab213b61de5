import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../src/activities/dependencies';
import { RunActivityLog } from '../../src/cli/run-activity-log';

const RUN_ID = '3f2a1b2c-9d8e-4f00-8a11-0123456789ab';
const WORKFLOW_ID = `durable-agent/conversation-1/${RUN_ID}`;

function event(phase: ActivityEvent['phase'], attempt: number, error?: string): ActivityEvent {
  return {
    phase,
    activity: 'invokeModelStreaming',
    workflowId: WORKFLOW_ID,
    activityId: '1',
    runId: RUN_ID,
    attempt,
    error,
  };
}

/** A log with a clock the test moves. */
function log() {
  const lines: string[] = [];
  let now = 1_000;
  const runLog = new RunActivityLog(
    (line) => lines.push(line),
    () => now,
  );
  return {
    lines,
    report: (activity: ActivityEvent, afterMs = 0) => {
      now += afterMs;
      runLog.onActivity(activity);
    },
  };
}

describe('RunActivityLog', () => {
  it('prints a line when an attempt starts and one when it completes, with the time it took', () => {
    const { lines, report } = log();
    report(event('started', 1));
    report(event('completed', 1), 4_100);

    expect(lines).toEqual([
      '[run] 3f2a1b2c model call started',
      '[run] 3f2a1b2c model call completed in 4.1 s',
    ]);
  });

  it('prints why an attempt failed, and a Stop as stopped', () => {
    const { lines, report } = log();
    report(event('started', 1));
    report(event('failed', 1, 'the worker shut down during the model call'), 2_000);
    report(event('started', 2));
    report(event('completed', 2, 'stopped by the user'), 800);

    expect(lines).toEqual([
      '[run] 3f2a1b2c model call started',
      '[run] 3f2a1b2c model call failed after 2.0 s: the worker shut down during the model call',
      '[run] 3f2a1b2c model call, attempt 2, started',
      '[run] 3f2a1b2c model call, attempt 2, stopped after 0.8 s (stopped by the user)',
    ]);
  });

  it('keeps a failure reason on its line, its control characters visible', () => {
    const { lines, report } = log();
    report(event('failed', 3, 'bad\n\u001b[2Jthing'));

    expect(lines).toEqual(['[run] 3f2a1b2c model call, attempt 3, failed: bad␊␛[2Jthing']);
  });
});
