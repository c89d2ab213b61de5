import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { travelPlan } from '../src/llm/demo-model/travel-plan';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW as EMPTY, reduceRunEvents } from '../src/runs';
import { watchStartedAttempts } from './support/started-attempts';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

/** Which worker started each attempt of the model call that published its start (attempts that ran). */
function publishedStarts(events: readonly AgentEvent[], name: (worker: string) => string): string[] {
  return events.flatMap((event) =>
    event.type === 'TEXT_MESSAGE_START' ? [`${event.attempt ?? 1} ${name(event.worker ?? '')}`] : [],
  );
}

describe('AgentRun when one of two workers is paused (SIGSTOP) during its model call and stays paused', () => {
  it('finishes the answer once on the healthy worker: its frozen polls do not use up the attempts', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '3s' } });
    const workers = [await startWorkerProcess(), await startWorkerProcess()];
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const handedOut = await watchStartedAttempts(run.id);
    const events = run.events();
    const seen: AgentEvent[] = [];
    let view = EMPTY;
    for (let next = await events.next(); !next.done; next = await events.next()) {
      seen.push(next.value);
      view = applyRunEvent(view, next.value);
      if (answerText(view).includes('Day 2')) break;
    }
    const paused = workers.find((worker) => worker.log.includes('activity started invokeModelStreaming'))!;
    const healthy = workers.find((worker) => worker !== paused)!;
    paused.pause();
    // Never resumed: its process holds its open polls (the kernel still accepts bytes) until the test ends.
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value);
    const result = await run.result();
    const name = (worker: string) => (worker.endsWith(`:${paused.pid}`) ? 'paused' : 'healthy');
    const handed = (await handedOut.stop()).map(
      (each) => `${each.activityId}/${each.attempt} ${name(each.worker)}`,
    );
    const ran = publishedStarts(seen, name);
    const logs = `handed out: ${handed}\nran: ${ran}\npaused:\n${paused.log}\nhealthy:\n${healthy.log}`;

    // The attack took place: Temporal handed retries to the paused worker's open polls.
    expect(handed.filter((each) => each.endsWith('paused')).length, logs).toBeGreaterThan(1);
    expect(result.status, `${JSON.stringify(result.error)}\n${logs}`).toBe('completed');
    expect(result.text, logs).toBe(travelPlan);
    expect(answerText(reduceRunEvents(seen))).toBe(travelPlan);
    // Two attempts ran: the first on the paused worker, the last (counting on past the ones handed to the
    // paused worker's polls, which never ran) on the healthy one, the only one that completed.
    expect(ran, logs).toEqual(['1 paused', `${result.attempts} healthy`]);
    expect(handed.at(-1), logs).toMatch(/ healthy$/);
    expect(healthy.log).toContain(`activity completed invokeModelStreaming attempt=${result.attempts}`);
    expect(healthy.log.match(/activity started/g), logs).toHaveLength(1);
    // Each attempt that ran has its usage reported once, and the run's usage counts each of them once.
    const usage = seen.flatMap((event) => {
      const control = asControlEvent(event);
      return control?.name === 'usage' ? [`${control.value.round}/${control.value.attempt}`] : [];
    });
    expect(usage, logs).toEqual(['1/1', `1/${result.attempts}`]);
    expect(result.usageByAttempt.map((entry) => `${entry.round}/${entry.attempt} ${entry.outcome}`)).toEqual([
      '1/1 failed',
      `1/${result.attempts} completed`,
    ]);
    expect(result.usage.totalTokens).toBe(
      result.usageByAttempt.reduce((sum, entry) => sum + entry.totalTokens, 0),
    );
    // When the paused worker's polls took all six attempts of the call (they expire a minute after they
    // were opened, so later retries reach the healthy worker anyway), the call was made again, saying why.
    const callOf = (each: string) => each.split('/')[0];
    const firstCall = handed.filter((each) => callOf(each) === callOf(handed[0]!));
    if (firstCall.length === 6 && firstCall.every((each) => each.endsWith('paused'))) {
      expect(result.attempts, logs).toBeGreaterThan(6);
      const reset = seen.map(asControlEvent).findLast((control) => control?.name === 'attempt-reset');
      expect(reset?.name === 'attempt-reset' && reset.value.reason, logs).toBe(
        '5 attempts went to a worker that stopped responding before starting them',
      );
    }
  }, 180_000);
});
