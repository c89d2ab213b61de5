import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW, type RunView } from '../../src/runs';
import { useWorkerProcesses } from '../support/use-worker-processes';
import { historyEvents } from '../support/workflow-history';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

/** What a follower folding `events()` saw: when its text changed, and the events. */
interface Followed {
  readonly view: RunView;
  readonly events: AgentEvent[];
  /** Times (ms) at which the visible text grew. */
  readonly updates: number[];
}

async function follow(
  events: AsyncGenerator<AgentEvent>,
  onView?: (view: RunView) => Promise<void> | void,
): Promise<Followed> {
  let view = EMPTY_RUN_VIEW;
  const seen: AgentEvent[] = [];
  const updates: number[] = [];
  for await (const event of events) {
    seen.push(event);
    const before = answerText(view);
    view = applyRunEvent(view, event);
    if (answerText(view).length > before.length) updates.push(performance.now());
    await onView?.(view);
  }
  return { view, events: seen, updates };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((time, index) => time - times[index]!);
}

describe('live text beside the durable log', () => {
  it('shows text every ~150 ms at 50 tokens/s while the history keeps ≤ 10 events per second of streaming', async () => {
    const fixture = await createFixture({ pace: 50 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const followed = await follow(run.events());
    const result = await run.result();

    expect(answerText(followed.view)).toBe(result.text);
    expect(followed.events.some((event) => event.live)).toBe(true);
    const streamingSeconds = (followed.updates.at(-1)! - followed.updates[0]!) / 1000;
    expect(streamingSeconds).toBeGreaterThan(5);
    const gapP95 = percentile(gaps(followed.updates), 0.95);
    console.log(
      `live text: ${followed.updates.length} updates in ${streamingSeconds.toFixed(1)} s, gap p50 ${percentile(gaps(followed.updates), 0.5).toFixed(0)} ms, p95 ${gapP95.toFixed(0)} ms`,
    );
    expect(gapP95).toBeLessThanOrEqual(150);

    const history = await historyEvents(run.id);
    expect(history.length / streamingSeconds).toBeLessThanOrEqual(10);
  });

  it('while someone reads the text live, the log gets it in batches at most every 2.5 s (0.8 s otherwise)', async () => {
    const fixture = await createFixture({ pace: 50 });
    const signalsPerStreamingSecond = async (live: boolean) => {
      const run = await fixture.agent.stream(TRAVEL_PLAN);
      const followed = await follow(run.events({ live }));
      expect(followed.events.some((event) => event.live)).toBe(live);
      expect(answerText(followed.view)).toBe((await run.result()).text);
      const streamingSeconds = (followed.updates.at(-1)! - followed.updates[0]!) / 1000;
      const history = await historyEvents(run.id);
      const signals = history.filter((event) => event.workflowExecutionSignaledEventAttributes).length;
      return { signals, streamingSeconds };
    };
    const logOnly = await signalsPerStreamingSecond(false);
    expect(logOnly.signals).toBeGreaterThanOrEqual(logOnly.streamingSeconds);
    const readLive = await signalsPerStreamingSecond(true);
    // The attempt's start at once, then a batch per 2.5 s (the rest goes in the activity's result).
    expect(readLive.signals).toBeLessThanOrEqual(1 + Math.ceil(readLive.streamingSeconds / 2.5));
  });

  it('a reader that re-attaches mid-answer from its saved view reads the rest live, exactly', async () => {
    const fixture = await createFixture({ pace: 50 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    let saved = EMPTY_RUN_VIEW;
    for await (const event of run.events({ live: false })) {
      saved = applyRunEvent(saved, event);
      if (answerText(saved).includes('Day 2')) break;
    }
    const again = await fixture.agent.attach(run.id);
    let view = saved;
    const resumed: AgentEvent[] = [];
    for await (const event of again.events({ fromSeq: saved.lastSeq + 1 })) {
      resumed.push(event);
      view = applyRunEvent(view, event);
    }
    expect(resumed.some((event) => event.live)).toBe(true);
    expect(answerText(view)).toBe((await run.result()).text);
  });

  it('completes the text exactly from the history when the worker’s live endpoint cannot be reached', async () => {
    const fixture = await createFixture({
      pace: 200,
      worker: { liveText: { advertisedAddress: '127.0.0.1:9' } },
    });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const followed = await follow(run.events());
    const result = await run.result();
    expect(followed.events.some((event) => event.live)).toBe(false);
    expect(answerText(followed.view)).toBe(result.text);
    expect(result.text).toContain('Day 7');
  });

  it('reads the log only when asked to (live: false), and the worker may turn the live path off', async () => {
    const fixture = await createFixture({ pace: 200, worker: { liveText: false } });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const followed = await follow(run.events({ live: false }));
    expect(followed.events.some((event) => event.live || event.liveText)).toBe(false);
    expect(answerText(followed.view)).toBe((await run.result()).text);
  });

  it('after kill -9 of the worker mid-answer, the answer completes once, without duplicated text', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '2s' } });
    const start = async () => {
      const worker = await startWorkerProcess();
      return worker;
    };
    const first = await start();
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    let killed = false;
    const followed = await follow(run.events(), async (view) => {
      if (killed || !answerText(view).includes('Day 3')) return;
      killed = true;
      await first.kill();
      await start();
    });
    const result = await run.result();
    expect(killed).toBe(true);
    expect(result.attempts).toBe(2);
    expect(answerText(followed.view)).toBe(result.text);
    expect(answerText(followed.view).match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    const liveAttempts = new Set(followed.events.filter((event) => event.live).map((event) => event.attempt));
    expect([...liveAttempts].sort()).toEqual([1, 2]);
  });
});
