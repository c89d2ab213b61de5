import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW as EMPTY, reduceRunEvents } from '../src/runs';
import { readUntil } from './support/collect-events';
import { connectClient } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

/** The attempt an event of the model's message belongs to, and who published it (a reset or usage names another). */
function publishingAttempt(event: AgentEvent): number | undefined {
  const control = asControlEvent(event);
  if (control?.name === 'attempt-reset') return control.value.attempt;
  if (control) return undefined;
  return 'attempt' in event && typeof event.attempt === 'number' ? event.attempt : undefined;
}

/** Waits until Temporal has handed attempt `attempt` of the model call to a worker. */
async function waitForAttemptStarted(workflowId: string, attempt: number): Promise<void> {
  const { client, connection } = await connectClient();
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { raw } = await client.workflow.getHandle(workflowId).describe();
      const started = raw.pendingActivities?.some(
        (activity) =>
          (activity.attempt ?? 0) >= attempt &&
          activity.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
      );
      if (started) return;
      if (Date.now() > deadline) throw new Error(`attempt ${attempt} never started`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await connection.close();
  }
}

describe('AgentRun after a worker is paused (SIGSTOP) past the heartbeat timeout, then resumed (SIGCONT)', () => {
  it('keeps the resumed worker’s superseded attempts out of the log: resets in order, usage once per attempt', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '3s' } });
    const worker = await startWorkerProcess();
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    const seen: AgentEvent[] = [];
    let view = EMPTY;
    await readUntil(events, seen, (event) => {
      view = applyRunEvent(view, event);
      return answerText(view).includes('Day 2');
    });

    worker.pause();
    // Attempt 1 times out; Temporal hands attempt 2 to a poll the paused worker left open, and it times
    // out too; attempt 3 goes to another of its open polls. On SIGCONT the worker holds all three: 1 and 2
    // were superseded while it slept.
    await waitForAttemptStarted(run.id, 3);
    worker.resume();
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value);
    const result = await run.result();

    expect(result.status, worker.log).toBe('completed');
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(answerText(reduceRunEvents(seen))).toBe(result.text);
    // In log order, nothing of an attempt comes after a later attempt's reset.
    let latest = 1;
    const stale: string[] = [];
    for (const event of seen) {
      const attempt = publishingAttempt(event);
      if (attempt === undefined) continue;
      if (attempt < latest) stale.push(`${event.type} of attempt ${attempt} after attempt ${latest}'s reset`);
      latest = Math.max(latest, attempt);
    }
    expect(stale, worker.log).toEqual([]);
    // Each attempt's usage is reported once, and the run's usage counts each attempt once.
    const usage = seen.flatMap((event) => {
      const control = asControlEvent(event);
      return control?.name === 'usage' ? [`${control.value.round}/${control.value.attempt}`] : [];
    });
    expect(usage, worker.log).toEqual([...new Set(usage)]);
    expect(usage).toEqual(result.usageByAttempt.map((entry) => `${entry.round}/${entry.attempt}`));
  }, 120_000);
});
