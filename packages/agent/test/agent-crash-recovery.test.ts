import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW as EMPTY, reduceRunEvents } from '../src/runs';
import { collectEvents, readUntil } from './support/collect-events';
import { useWorkerProcesses } from './support/use-worker-processes';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

describe('AgentRun after a worker crash', () => {
  it('retries the attempt on a restarted worker after kill -9, announcing attempt-reset before the new text', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '2s' } });
    const first = await startWorkerProcess();
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    const seen: AgentEvent[] = [];
    // Mid-stream, and late enough that a heartbeat has recorded tokens of the attempt about to be lost.
    let text = EMPTY;
    await readUntil(events, seen, (event) => {
      text = applyRunEvent(text, event);
      return answerText(text).includes('Day 4');
    });

    await first.kill();
    await startWorkerProcess();
    seen.push(...(await collectEvents(events)));
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(2);
    const resetIndex = seen.findIndex((event) => asControlEvent(event)?.name === 'attempt-reset');
    expect(resetIndex).toBeGreaterThan(0);
    const reset = asControlEvent(seen[resetIndex]!);
    expect(reset?.name === 'attempt-reset' && reset.value.attempt).toBe(2);
    const firstSecondAttemptDelta = seen.findIndex(
      (event) => event.type === 'TEXT_MESSAGE_CONTENT' && event.attempt === 2,
    );
    expect(firstSecondAttemptDelta).toBeGreaterThan(resetIndex);

    const transcript = reduceRunEvents(seen);
    expect(answerText(transcript)).toBe(result.text);
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(result.text).toContain('Day 7');
    const failed = result.usageByAttempt.filter((entry) => entry.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.completionTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe(
      result.usageByAttempt.reduce((sum, entry) => sum + entry.totalTokens, 0),
    );
  });

  it('hands a gracefully stopped attempt to another worker at once, as a retry and not as a stop', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '60s' } });
    const workers = [await startWorkerProcess(), await startWorkerProcess()];
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, (event) => event.type === 'TEXT_MESSAGE_CONTENT');
    const first = workers.find((worker) => worker.log.includes('activity started'))!;
    await first.stop();
    seen.push(...(await collectEvents(events)));
    const result = await run.result();

    // With a 60 s heartbeat timeout and a 60 s test timeout, finishing proves nobody waited for it.
    expect(result.status).toBe('completed');
    expect(result.attempts, first.log).toBe(2);
    const reset = seen.map(asControlEvent).find((control) => control?.name === 'attempt-reset');
    expect(reset?.name === 'attempt-reset' && reset.value.reason).toBe('the worker shut down');
    expect(first.log, first.log).toContain('activity failed invokeModelStreaming attempt=1');
    expect(first.log).toContain('stopped');
  });
});
